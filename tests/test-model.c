/* test-model.c: the article model and its change signal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiku.h"

typedef struct
{
  GPtrArray *nodes;
  GPtrArray *what;
} Changes;

static void
on_changed (KikuArticle *article,
            KikuNode    *node,
            GParamSpec  *pspec,
            Changes     *changes)
{
  /* A change names a property of the node, the one that reads it back. */
  g_assert_nonnull (pspec);
  g_assert_true (g_object_class_find_property (G_OBJECT_GET_CLASS (node), pspec->name) == pspec);

  g_ptr_array_add (changes->nodes, node);
  g_ptr_array_add (changes->what, g_strdup (pspec->name));
}

static void
changes_init (Changes     *changes,
              KikuArticle *article)
{
  changes->nodes = g_ptr_array_new ();
  changes->what = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (article, "changed", G_CALLBACK (on_changed), changes);
}

static void
changes_clear (Changes *changes)
{
  g_ptr_array_set_size (changes->nodes, 0);
  g_ptr_array_set_size (changes->what, 0);
}

static void
changes_free (Changes *changes)
{
  g_ptr_array_unref (changes->nodes);
  g_ptr_array_unref (changes->what);
}

static void
assert_one_change (Changes    *changes,
                   gpointer    node,
                   const char *what)
{
  g_assert_cmpuint (changes->nodes->len, ==, 1);
  g_assert_true (g_ptr_array_index (changes->nodes, 0) == node);
  g_assert_cmpstr (g_ptr_array_index (changes->what, 0), ==, what);
  changes_clear (changes);
}

/* An article with one page, one section and a source box with two points. */
static KikuArticle *
build_article (KikuSection **out_section,
               KikuSource  **out_source)
{
  KikuArticle *article = kiku_article_new ();
  g_autoptr(KikuPage) page = kiku_page_new ();
  g_autoptr(KikuSection) section = kiku_section_new ();
  g_autoptr(KikuSource) source = kiku_source_new ();
  g_autoptr(KikuParagraph) paragraph = kiku_paragraph_new ();

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KikuPoint) point = kiku_point_new ();
      g_autofree char *text = g_strdup_printf ("point %u", i);

      kiku_point_set_text (point, text);
      kiku_list_append (kiku_source_get_points (source), point);
    }

  kiku_paragraph_set_text (paragraph, "本文");
  kiku_list_append (kiku_section_get_blocks (section), paragraph);
  kiku_list_append (kiku_section_get_blocks (section), source);
  kiku_list_append (kiku_page_get_sections (page), section);
  kiku_list_append (kiku_article_get_pages (article), page);

  *out_section = section;
  *out_source = source;

  return article;
}

static void
test_property_changes (void)
{
  KikuSection *section;
  KikuSource *source;
  g_autoptr(KikuArticle) article = build_article (&section, &source);
  KikuPoint *point = kiku_list_get (kiku_source_get_points (source), 1);
  Changes changes;

  changes_init (&changes, article);

  kiku_article_set_title (article, "見出し");
  assert_one_change (&changes, article, "title");

  /* The innermost object is named, not the article. */
  kiku_source_set_url (source, "https://example.com/a");
  assert_one_change (&changes, source, "url");

  kiku_point_set_text (point, "changed point");
  assert_one_change (&changes, point, "text");

  kiku_section_set_question (section, "なぜ？");
  assert_one_change (&changes, section, "question");

  /* Setting the same value again is no change. */
  kiku_source_set_url (source, "https://example.com/a");
  kiku_article_set_title (article, "見出し");
  g_assert_cmpuint (changes.nodes->len, ==, 0);

  /* An empty string is the same as no value. */
  kiku_article_set_subtitle (article, "");
  g_assert_cmpuint (changes.nodes->len, ==, 0);
  g_assert_null (kiku_article_get_subtitle (article));

  {
    const char *keywords[] = { "中ロ関係", "G7", NULL };

    kiku_article_set_keywords (article, keywords);
    assert_one_change (&changes, article, "keywords");
    kiku_article_set_keywords (article, keywords);
    g_assert_cmpuint (changes.nodes->len, ==, 0);
    g_assert_cmpstr (kiku_article_get_keywords (article)[1], ==, "G7");
  }

  /* Where the article is saved is not part of its content. */
  {
    g_autoptr(GFile) file = g_file_new_for_path ("/tmp/somewhere.kiku");

    kiku_article_set_file (article, file);
    g_assert_cmpuint (changes.nodes->len, ==, 0);
    g_assert_true (kiku_article_get_file (article) == file);
  }

  changes_free (&changes);
}

static guint items_changed_count;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  items_changed_count++;
}

static void
test_list_changes (void)
{
  KikuSection *section;
  KikuSource *source;
  g_autoptr(KikuArticle) article = build_article (&section, &source);
  KikuList *blocks = kiku_section_get_blocks (section);
  g_autoptr(KikuComment) comment = kiku_comment_new ();
  g_autoptr(KikuNode) removed = NULL;
  g_autoptr(KikuPoint) key_point = kiku_point_new ();
  Changes changes;

  changes_init (&changes, article);
  items_changed_count = 0;
  g_signal_connect (blocks, "items-changed", G_CALLBACK (on_items_changed), NULL);

  /* Lists are list models that widgets can bind to. */
  g_assert_true (G_IS_LIST_MODEL (blocks));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (blocks)) == KIKU_TYPE_BLOCK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (blocks)), ==, 2);

  kiku_comment_set_persona (comment, "kansai");
  kiku_list_insert (blocks, 1, comment);
  assert_one_change (&changes, section, "blocks");
  g_assert_true (kiku_list_get (blocks, 1) == (gpointer)comment);
  g_assert_true (kiku_node_get_parent (KIKU_NODE (comment)) == KIKU_NODE (section));
  g_assert_true (kiku_node_get_article (KIKU_NODE (comment)) == article);

  /* A block inside is reported as itself once it is in the article. */
  kiku_comment_set_text (comment, "ほんまかいな");
  assert_one_change (&changes, comment, "text");

  kiku_list_move (blocks, 2, 0);
  assert_one_change (&changes, section, "blocks");
  g_assert_true (kiku_list_get (blocks, 0) == (gpointer)source);
  g_assert_true (KIKU_IS_PARAGRAPH (kiku_list_get (blocks, 1)));
  g_assert_true (kiku_list_get (blocks, 2) == (gpointer)comment);

  removed = kiku_list_remove (blocks, 2);
  assert_one_change (&changes, section, "blocks");
  g_assert_true (removed == KIKU_NODE (comment));
  g_assert_null (kiku_node_get_parent (removed));
  g_assert_null (kiku_node_get_article (removed));

  /* A node taken out of the article no longer speaks for it. */
  kiku_comment_set_text (comment, "もう関係ない");
  g_assert_cmpuint (changes.nodes->len, ==, 0);

  g_assert_cmpuint (items_changed_count, ==, 3);

  /* A list's change is named as its property, in one spelling. */
  kiku_list_append (kiku_article_get_key_points (article), key_point);
  assert_one_change (&changes, article, "key-points");
  g_assert_cmpstr (kiku_list_get_name (kiku_article_get_key_points (article)), ==, "key-points");

  kiku_list_clear (kiku_source_get_points (source));
  assert_one_change (&changes, source, "points");

  changes_free (&changes);
}

/* A node moves, gains a neighbour and leaves its list by itself, each one
 * step of the history; at the ends of its list a move does nothing.
 */
static void
test_node_in_list (void)
{
  KikuSection *section;
  KikuSource *source;
  g_autoptr(KikuArticle) article = build_article (&section, &source);
  g_autoptr(KikuHistory) history = kiku_history_new (article);
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuNode *paragraph = kiku_list_get (blocks, 0);
  g_autoptr(KikuComment) comment = kiku_comment_new ();
  g_autoptr(KikuComment) loose = kiku_comment_new ();

  g_assert_true (KIKU_IS_PARAGRAPH (paragraph));
  g_assert_true (kiku_list_get (blocks, 1) == (gpointer)source);

  /* At the ends. */
  g_assert_false (kiku_node_move_by (paragraph, -1));
  g_assert_false (kiku_node_move_by (KIKU_NODE (source), 1));
  g_assert_false (kiku_node_move_by (paragraph, 0));
  g_assert_false (kiku_history_can_undo (history));

  g_assert_true (kiku_node_move_by (paragraph, 1));
  g_assert_true (kiku_list_get (blocks, 0) == (gpointer)source);
  g_assert_true (kiku_list_get (blocks, 1) == (gpointer)paragraph);
  g_assert_false (kiku_node_move_by (paragraph, 1));

  g_assert_true (kiku_node_insert_beside (KIKU_NODE (source), KIKU_NODE (comment), TRUE));
  g_assert_true (kiku_list_get (blocks, 1) == (gpointer)comment);
  g_assert_true (kiku_node_get_parent (KIKU_NODE (comment)) == KIKU_NODE (section));
  g_assert_true (kiku_node_move_by (paragraph, -2));
  g_assert_true (kiku_list_get (blocks, 0) == (gpointer)paragraph);

  g_assert_true (kiku_node_remove (KIKU_NODE (comment)));
  g_assert_null (kiku_node_get_list (KIKU_NODE (comment)));
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, 2);

  /* Outside any list there is nothing to do. */
  g_assert_false (kiku_node_remove (KIKU_NODE (loose)));
  g_assert_false (kiku_node_move_by (KIKU_NODE (loose), 1));
  g_assert_false (kiku_node_insert_beside (KIKU_NODE (loose), KIKU_NODE (comment), FALSE));

  /* Each was one step: four undos give back the first order. */
  for (int i = 0; i < 4; i++)
    {
      g_assert_true (kiku_history_can_undo (history));
      kiku_history_undo (history);
    }
  g_assert_false (kiku_history_can_undo (history));
  g_assert_cmpuint (kiku_list_get_length (blocks), ==, 2);
  g_assert_true (kiku_list_get (blocks, 0) == (gpointer)paragraph);
  g_assert_true (kiku_list_get (blocks, 1) == (gpointer)source);
}

static void
test_ids_and_paths (void)
{
  KikuSection *section;
  KikuSource *source;
  g_autoptr(KikuArticle) article = build_article (&section, &source);
  KikuPoint *point = kiku_list_get (kiku_source_get_points (source), 1);
  g_autofree char *source_path = kiku_node_dup_path (KIKU_NODE (source));
  g_autofree char *point_path = kiku_node_dup_path (KIKU_NODE (point));
  g_autofree char *article_path = kiku_node_dup_path (KIKU_NODE (article));
  g_autofree char *dom_id = kiku_node_dup_dom_id (KIKU_NODE (source), NULL);
  g_autofree char *dom_id_again = kiku_node_dup_dom_id (KIKU_NODE (source), NULL);
  g_autofree char *other_dom_id = kiku_node_dup_dom_id (KIKU_NODE (section), NULL);
  g_autofree char *field_dom_id = kiku_node_dup_dom_id (KIKU_NODE (article), "title");
  g_autofree char *expected_field_id = g_strdup_printf ("k%" G_GUINT64_FORMAT ".title",
                                                        kiku_node_get_id (KIKU_NODE (article)));
  g_autofree char *property = NULL;
  g_autoptr(KikuPoint) key_point = kiku_point_new ();

  g_assert_cmpstr (source_path, ==, "pages[0].sections[0].blocks[1]");
  g_assert_cmpstr (point_path, ==, "pages[0].sections[0].blocks[1].points[1]");
  g_assert_cmpstr (article_path, ==, "");

  /* Paths name lists as the file does. */
  kiku_list_append (kiku_article_get_key_points (article), key_point);
  g_free (article_path);
  article_path = kiku_node_dup_path (KIKU_NODE (key_point));
  g_assert_cmpstr (article_path, ==, "key_points[0]");

  /* An element's id leads back to its node, and to the field it shows. */
  g_assert_cmpstr (field_dom_id, ==, expected_field_id);
  g_assert_true (kiku_node_find_dom_id (KIKU_NODE (article), dom_id, &property) == KIKU_NODE (source));
  g_assert_null (property);
  g_assert_true (kiku_node_find_dom_id (KIKU_NODE (article), field_dom_id, &property) == KIKU_NODE (article));
  g_assert_cmpstr (property, ==, "title");
  g_clear_pointer (&property, g_free);
  g_assert_true (kiku_node_find_dom_id (KIKU_NODE (article), dom_id, NULL) == KIKU_NODE (source));
  /* Only from where it sits down. */
  g_assert_null (kiku_node_find_dom_id (KIKU_NODE (source), other_dom_id, NULL));
  g_assert_null (kiku_node_find_dom_id (KIKU_NODE (article), "k", NULL));
  g_assert_null (kiku_node_find_dom_id (KIKU_NODE (article), "title", NULL));
  g_assert_null (kiku_node_find_dom_id (KIKU_NODE (article), "k99999999x", &property));
  g_assert_null (property);

  /* Ids are stable for one object and never shared. */
  g_assert_cmpstr (dom_id, ==, dom_id_again);
  g_assert_cmpstr (dom_id, !=, other_dom_id);

  kiku_list_move (kiku_section_get_blocks (section), 1, 0);
  g_free (source_path);
  source_path = kiku_node_dup_path (KIKU_NODE (source));
  g_assert_cmpstr (source_path, ==, "pages[0].sections[0].blocks[0]");
  g_free (dom_id_again);
  dom_id_again = kiku_node_dup_dom_id (KIKU_NODE (source), NULL);
  g_assert_cmpstr (dom_id, ==, dom_id_again);
}

typedef struct
{
  GPtrArray *nodes;
  GArray    *depths;
  KikuNode  *skip;
  KikuNode  *stop;
} Walked;

static KikuWalk
walked (KikuNode *node,
        guint     depth,
        gpointer  user_data)
{
  Walked *w = user_data;

  g_ptr_array_add (w->nodes, node);
  g_array_append_val (w->depths, depth);

  if (node == w->stop)
    return KIKU_WALK_STOP;

  return node == w->skip ? KIKU_WALK_SKIP : KIKU_WALK_CONTINUE;
}

static void
assert_walk (KikuNode  *from,
             Walked    *w,
             gpointer   stopped_at,
             gpointer  *expected,
             guint     *depths,
             guint      n_expected)
{
  g_ptr_array_set_size (w->nodes, 0);
  g_array_set_size (w->depths, 0);

  g_assert_true (kiku_node_walk (from, walked, w) == stopped_at);
  g_assert_cmpuint (w->nodes->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_true (g_ptr_array_index (w->nodes, i) == expected[i]);
      g_assert_cmpuint (g_array_index (w->depths, guint, i), ==, depths[i]);
    }
}

/* The walk reaches every node once, in the order of the file, each before
 * what it holds; it can pass over what a node holds, or stop.
 */
static void
test_walk (void)
{
  KikuSection *section;
  KikuSource *source;
  g_autoptr(KikuArticle) article = build_article (&section, &source);
  g_autoptr(KikuPoint) key_point = kiku_point_new ();
  KikuList *blocks = kiku_section_get_blocks (section);
  KikuNode *page = kiku_list_get (kiku_article_get_pages (article), 0);
  KikuNode *paragraph = kiku_list_get (blocks, 0);
  KikuNode *point0 = kiku_list_get (kiku_source_get_points (source), 0);
  KikuNode *point1 = kiku_list_get (kiku_source_get_points (source), 1);
  Walked w = { g_ptr_array_new (), g_array_new (FALSE, FALSE, sizeof (guint)), NULL, NULL };

  /* Appended after the pages, but the file has key points first. */
  kiku_list_append (kiku_article_get_key_points (article), key_point);

  {
    gpointer all[] = { article, key_point, page, section, paragraph, source, point0, point1 };
    guint depths[] = { 0, 1, 1, 2, 3, 3, 4, 4 };

    assert_walk (KIKU_NODE (article), &w, NULL, all, depths, G_N_ELEMENTS (all));
  }

  {
    gpointer skipped[] = { article, key_point, page, section, paragraph, source };
    guint depths[] = { 0, 1, 1, 2, 3, 3 };

    w.skip = KIKU_NODE (source);
    assert_walk (KIKU_NODE (article), &w, NULL, skipped, depths, G_N_ELEMENTS (skipped));
  }

  {
    gpointer stopped[] = { article, key_point, page, section, paragraph };
    guint depths[] = { 0, 1, 1, 2, 3 };

    w.skip = NULL;
    w.stop = paragraph;
    assert_walk (KIKU_NODE (article), &w, paragraph, stopped, depths, G_N_ELEMENTS (stopped));
  }

  {
    /* From inside the article, depths count from there. */
    gpointer below[] = { section, paragraph, source, point0, point1 };
    guint depths[] = { 0, 1, 1, 2, 2 };

    w.stop = NULL;
    assert_walk (KIKU_NODE (section), &w, NULL, below, depths, G_N_ELEMENTS (below));
  }

  /* A moved block is found where it went. */
  kiku_list_move (blocks, 1, 0);
  {
    gpointer moved[] = { section, source, point0, point1, paragraph };
    guint depths[] = { 0, 1, 2, 2, 1 };

    assert_walk (KIKU_NODE (section), &w, NULL, moved, depths, G_N_ELEMENTS (moved));
  }

  /* The page a node is on. */
  {
    g_autoptr(KikuPage) second = kiku_page_new ();
    g_autoptr(KikuSection) moved = g_object_ref (section);
    g_autoptr(KikuPage) loose = kiku_page_new ();
    guint position = 99;

    kiku_list_insert (kiku_article_get_pages (article), 0, second);
    g_assert_true (kiku_node_find_page (point1, &position));
    g_assert_cmpuint (position, ==, 1);
    g_assert_true (kiku_node_find_page (page, &position));
    g_assert_cmpuint (position, ==, 1);
    g_assert_true (kiku_node_find_page (KIKU_NODE (second), NULL));
    g_assert_false (kiku_node_find_page (KIKU_NODE (article), NULL));
    g_assert_false (kiku_node_find_page (KIKU_NODE (key_point), NULL));
    /* A page that is in no article. */
    g_object_unref (kiku_list_remove (kiku_page_get_sections (KIKU_PAGE (page)), 0));
    kiku_list_append (kiku_page_get_sections (loose), moved);
    g_assert_false (kiku_node_find_page (point1, NULL));
    g_assert_false (kiku_node_find_page (KIKU_NODE (loose), NULL));
    g_object_unref (kiku_list_remove (kiku_page_get_sections (loose), 0));
    kiku_list_append (kiku_page_get_sections (KIKU_PAGE (page)), moved);
  }

  g_assert_true (kiku_node_find (KIKU_NODE (article), kiku_node_get_id (point1)) == point1);
  g_assert_true (kiku_node_find (KIKU_NODE (article), kiku_node_get_id (KIKU_NODE (article))) ==
                 KIKU_NODE (article));
  g_assert_null (kiku_node_find (KIKU_NODE (section), kiku_node_get_id (page)));

  g_ptr_array_unref (w.nodes);
  g_array_unref (w.depths);
}

static void
test_block_kinds (void)
{
  const char *kinds[] = { "paragraph", "source", "comment", "image" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(KikuBlock) block = kiku_block_new_for_kind (kinds[i]);

      g_assert_nonnull (block);
      g_assert_cmpstr (kiku_block_get_kind (block), ==, kinds[i]);
    }

  g_assert_null (kiku_block_new_for_kind ("video"));
}

static void
test_owner_gone (void)
{
  KikuSection *section;
  KikuSource *source;
  KikuArticle *article = build_article (&section, &source);
  g_autoptr(KikuList) blocks = g_object_ref (kiku_section_get_blocks (section));
  g_autoptr(KikuSource) kept = g_object_ref (source);

  /* A widget may hold a list longer than the article lives. */
  g_object_unref (article);
  g_assert_null (kiku_list_get_owner (blocks));
  g_assert_null (kiku_node_get_article (KIKU_NODE (kept)));
  kiku_source_set_title (kept, "still usable");
  g_assert_cmpstr (kiku_source_get_title (kept), ==, "still usable");
}

static void
test_draft (void)
{
  g_autoptr(KikuArticle) article = kiku_article_new_draft ();
  KikuPage *page;

  g_assert_cmpuint (kiku_list_get_length (kiku_article_get_pages (article)), ==, 1);
  page = kiku_list_get (kiku_article_get_pages (article), 0);
  g_assert_cmpuint (kiku_list_get_length (kiku_page_get_sections (page)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kiku/model/changed/properties", test_property_changes);
  g_test_add_func ("/kiku/model/changed/lists", test_list_changes);
  g_test_add_func ("/kiku/model/node-in-list", test_node_in_list);
  g_test_add_func ("/kiku/model/ids-and-paths", test_ids_and_paths);
  g_test_add_func ("/kiku/model/walk", test_walk);
  g_test_add_func ("/kiku/model/block-kinds", test_block_kinds);
  g_test_add_func ("/kiku/model/owner-gone", test_owner_gone);
  g_test_add_func ("/kiku/model/draft", test_draft);

  return g_test_run ();
}
