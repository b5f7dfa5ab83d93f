/* kiku-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _KikuArticle   KikuArticle;
typedef struct _KikuBlock     KikuBlock;
typedef struct _KikuComment   KikuComment;
typedef struct _KikuImage     KikuImage;
typedef struct _KikuList      KikuList;
typedef struct _KikuNode      KikuNode;
typedef struct _KikuPage      KikuPage;
typedef struct _KikuParagraph KikuParagraph;
typedef struct _KikuPoint     KikuPoint;
typedef struct _KikuProblem   KikuProblem;
typedef struct _KikuSection   KikuSection;
typedef struct _KikuSource    KikuSource;

/**
 * KikuFormatError:
 * @KIKU_FORMAT_ERROR_TOO_LARGE: the file is over the size limit
 * @KIKU_FORMAT_ERROR_INVALID_UTF8: the text is not valid UTF-8
 * @KIKU_FORMAT_ERROR_TOO_DEEP: values are nested too deeply
 * @KIKU_FORMAT_ERROR_SYNTAX: the text is not valid JSON
 * @KIKU_FORMAT_ERROR_NOT_AN_ARTICLE: valid JSON, but not a Kiku article
 * @KIKU_FORMAT_ERROR_VERSION_TOO_NEW: written by a newer version of Kiku
 * @KIKU_FORMAT_ERROR_WRONG_TYPE: a field holds the wrong kind of value
 * @KIKU_FORMAT_ERROR_MISSING_FIELD: a required field is absent
 * @KIKU_FORMAT_ERROR_INVALID_VALUE: a value of the right type but not allowed
 */
typedef enum
{
  KIKU_FORMAT_ERROR_TOO_LARGE,
  KIKU_FORMAT_ERROR_INVALID_UTF8,
  KIKU_FORMAT_ERROR_TOO_DEEP,
  KIKU_FORMAT_ERROR_SYNTAX,
  KIKU_FORMAT_ERROR_NOT_AN_ARTICLE,
  KIKU_FORMAT_ERROR_VERSION_TOO_NEW,
  KIKU_FORMAT_ERROR_WRONG_TYPE,
  KIKU_FORMAT_ERROR_MISSING_FIELD,
  KIKU_FORMAT_ERROR_INVALID_VALUE,
} KikuFormatError;

/**
 * KikuProblemKind:
 * @KIKU_PROBLEM_EMPTY_FIELD: a required field is empty
 * @KIKU_PROBLEM_MISSING_URL: a source box has no URL
 * @KIKU_PROBLEM_BAD_URL: a URL is not http or https
 * @KIKU_PROBLEM_BAD_DATE: a date is not a real date
 * @KIKU_PROBLEM_FUTURE_DATE: a source's date lies in the future
 * @KIKU_PROBLEM_MISSING_FILE: an image file does not exist
 * @KIKU_PROBLEM_BAD_IMAGE: an image file exists but may not be used: it is
 *   not an image, holds a script, or lies outside the article's folder
 *   without having been chosen
 * @KIKU_PROBLEM_BAD_SLUG: the slug cannot be the last part of a web address
 */
typedef enum
{
  KIKU_PROBLEM_EMPTY_FIELD,
  KIKU_PROBLEM_MISSING_URL,
  KIKU_PROBLEM_BAD_URL,
  KIKU_PROBLEM_BAD_DATE,
  KIKU_PROBLEM_FUTURE_DATE,
  KIKU_PROBLEM_MISSING_FILE,
  KIKU_PROBLEM_BAD_IMAGE,
  KIKU_PROBLEM_BAD_SLUG,
} KikuProblemKind;

/**
 * KikuImageError:
 * @KIKU_IMAGE_ERROR_NO_FOLDER: a relative path, but the article has no file yet
 * @KIKU_IMAGE_ERROR_MISSING: the file does not exist
 * @KIKU_IMAGE_ERROR_NOT_A_FILE: a folder, a device or another thing that is
 *   not a regular file
 * @KIKU_IMAGE_ERROR_TOO_LARGE: the file is over the size limit
 * @KIKU_IMAGE_ERROR_NOT_AN_IMAGE: its bytes are not those of an image
 * @KIKU_IMAGE_ERROR_SCRIPT: an SVG image that holds a script or loads
 *   something else
 * @KIKU_IMAGE_ERROR_OUTSIDE: the file lies outside the article's folder and
 *   was not chosen through the file chooser
 */
typedef enum
{
  KIKU_IMAGE_ERROR_NO_FOLDER,
  KIKU_IMAGE_ERROR_MISSING,
  KIKU_IMAGE_ERROR_NOT_A_FILE,
  KIKU_IMAGE_ERROR_TOO_LARGE,
  KIKU_IMAGE_ERROR_NOT_AN_IMAGE,
  KIKU_IMAGE_ERROR_SCRIPT,
  KIKU_IMAGE_ERROR_OUTSIDE,
} KikuImageError;

G_END_DECLS
