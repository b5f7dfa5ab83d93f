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
 * @KIKU_PROBLEM_BROKEN_LINK: a source's page is gone, its host dead, or it
 *   leads to another site (found by checking the links, not by validation)
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
  KIKU_PROBLEM_BROKEN_LINK,
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

/* Filling a source box from its page (kiku-cite.h). */
typedef enum
{
  KIKU_CITE_ERROR_URL,          /* not an http or https address */
  KIKU_CITE_ERROR_NETWORK,      /* no answer: no network, dead host, timeout */
  KIKU_CITE_ERROR_HTTP,         /* the site answered with an error status */
  KIKU_CITE_ERROR_REDIRECTS,    /* too many redirects */
  KIKU_CITE_ERROR_NOT_A_PAGE,   /* the answer is no HTML page */
  KIKU_CITE_ERROR_OFFLINE,      /* no network, and the URL was never seen */
  KIKU_CITE_ERROR_IMAGE,        /* the image is no image, or too large */
  KIKU_CITE_ERROR_NO_FOLDER,    /* the article has no folder for images */
} KikuCiteError;

typedef enum
{
  KIKU_CITE_FIELD_TITLE     = 1 << 0,
  KIKU_CITE_FIELD_PUBLISHER = 1 << 1,
  KIKU_CITE_FIELD_DATE      = 1 << 2,
  KIKU_CITE_FIELD_IMAGE     = 1 << 3,
  KIKU_CITE_FIELD_CREDIT    = 1 << 4,
  KIKU_CITE_FIELD_URL       = 1 << 5,
} KikuCiteFields;

typedef enum
{
  KIKU_LINK_OK,
  KIKU_LINK_GONE,               /* 404, 410 */
  KIKU_LINK_DEAD_HOST,
  KIKU_LINK_REDIRECTED_AWAY,
  KIKU_LINK_FAILED,
} KikuLinkState;

G_END_DECLS
