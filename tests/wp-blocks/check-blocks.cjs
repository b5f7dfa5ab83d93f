// SPDX-License-Identifier: GPL-3.0-or-later
//
// Parses post bodies with the block editor's own parser and validator
// (@wordpress/blocks and @wordpress/block-library, at the versions the lock
// file beside this script pins) and fails on any block the editor would
// not open as a valid core block.
//
//   node check-blocks.cjs MODULES_DIR --self-test
//   node check-blocks.cjs MODULES_DIR [--saved DIR] BODY.html...
//
// With --saved, each body as the block editor saves it again, unedited
// (its blocks parsed and serialized), is written to DIR/BODY.html.
//
// MODULES_DIR is the folder holding node_modules (install.sh makes it).
'use strict';

const path = require('path');
const fs = require('fs');
const { createRequire } = require('module');

const [modulesDir, ...rest] = process.argv.slice(2);
if (!modulesDir || rest.length === 0) {
  console.error('usage: check-blocks.cjs MODULES_DIR (--self-test | [--saved DIR] BODY.html...)');
  process.exit(2);
}
const load = createRequire(path.join(path.resolve(modulesDir), 'package.json'));

// The packages expect a browser.
const { JSDOM } = load('jsdom');
const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', { pretendToBeVisual: true });
const win = dom.window;
for (const name of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement',
                    'DOMParser', 'MutationObserver', 'getComputedStyle', 'requestAnimationFrame',
                    'cancelAnimationFrame', 'CustomEvent', 'Event', 'KeyboardEvent',
                    'HTMLDocument', 'Document', 'DocumentFragment', 'Range', 'Text', 'Comment']) {
  if (win[name] !== undefined && globalThis[name] === undefined) {
    Object.defineProperty(globalThis, name, { value: name === 'window' ? win : win[name],
                                              configurable: true, writable: true });
  }
}
win.matchMedia = win.matchMedia || (() => ({ matches: false, addListener() {}, removeListener() {},
                                             addEventListener() {}, removeEventListener() {} }));
globalThis.matchMedia = win.matchMedia;

// Quiet the packages' own deprecation and validation logging; the verdicts
// below say what matters.
const log = { warn: console.warn, error: console.error, info: console.info };
console.warn = () => {};
console.info = () => {};
console.log = () => {};
console.error = () => {};

const blocks = load('@wordpress/blocks');
const library = load('@wordpress/block-library');
library.registerCoreBlocks();

const versions = ['@wordpress/blocks', '@wordpress/block-library'].map(
  (name) => `${name} ${load(`${name}/package.json`).version}`).join(', ');

function describe(issues) {
  return (issues || []).map((issue) =>
    issue.args ? issue.args.slice(0, 3).map((a) => (typeof a === 'string' ? a : a && a.name ? a.name : JSON.stringify(a)))
      .join(' ') : String(issue)).join(' | ').slice(0, 600);
}

// Every block and inner block, with what is wrong with it.
function problems(markup) {
  const found = [];
  const walk = (list, where) => {
    list.forEach((block, i) => {
      const at = `${where}${i + 1}:${block.name}`;
      if (block.name === null || block.name === undefined) {
        if (block.originalContent && block.originalContent.trim() !== '') {
          found.push(`${at}: markup outside any block: ${block.originalContent.slice(0, 120)}`);
        }
      } else if (block.name === 'core/freeform' || block.name === 'core/missing') {
        found.push(`${at}: not a core block the editor knows (${block.name}): ` +
                   (block.originalContent || JSON.stringify(block.attributes)).slice(0, 160));
      } else if (!block.isValid) {
        found.push(`${at}: invalid: ${describe(block.validationIssues)}`);
      } else {
        // Valid only through a deprecated form, which the editor migrates
        // ("Updated Block"): what its save() writes today must match.
        const [current, issues] = blocks.validateBlock(block, block.name);
        if (!current) {
          found.push(`${at}: only valid as a deprecated form: ${describe(issues)}`);
        }
      }
      walk(block.innerBlocks || [], `${at} > `);
    });
  };
  walk(blocks.parse(markup), '');
  return found;
}

function check(label, markup, expectValid) {
  const found = problems(markup);
  const valid = found.length === 0;
  if (valid === expectValid) {
    log.info(`ok: ${label}`);
    return true;
  }
  log.error(`FAIL: ${label}: ${expectValid ? found.join('\n  ') : 'the editor found no problem in markup it must refuse'}`);
  return false;
}

let ok = true;
log.info(`The block editor's parser and validator: ${versions}`);

if (rest[0] === '--self-test') {
  // Markup the block editor itself saves, so that this harness's verdicts
  // can be trusted; and markup it must refuse.
  ok = check('a paragraph as WordPress saves it',
             '<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->', true) && ok;
  ok = check('a paragraph with a class name',
             '<!-- wp:paragraph {"className":"lead"} -->\n<p class="lead">Hello</p>\n<!-- /wp:paragraph -->', true) && ok;
  ok = check('a heading as WordPress saves it',
             '<!-- wp:heading -->\n<h2 class="wp-block-heading">Title</h2>\n<!-- /wp:heading -->', true) && ok;
  ok = check('a group of a paragraph as WordPress saves it',
             '<!-- wp:group {"layout":{"type":"constrained"}} -->\n<div class="wp-block-group">' +
             '<!-- wp:paragraph -->\n<p>In a group</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->', true) && ok;
  ok = check('a list as WordPress saves it',
             '<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item -->\n<li>One</li>\n' +
             '<!-- /wp:list-item --></ul>\n<!-- /wp:list -->', true) && ok;
  ok = check('a page break as WordPress saves it',
             '<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->', true) && ok;
  ok = check('a paragraph saved as a division',
             '<!-- wp:paragraph -->\n<div>Hello</div>\n<!-- /wp:paragraph -->', false) && ok;
  ok = check('an image whose caption lacks the class its save() writes',
             '<!-- wp:image -->\n<figure class="wp-block-image"><img src="a.png" alt=""/>' +
             '<figcaption class="other">Cap</figcaption></figure>\n<!-- /wp:image -->', false) && ok;
  ok = check('a heading saved as a paragraph',
             '<!-- wp:heading -->\n<p>Title</p>\n<!-- /wp:heading -->', false) && ok;
  ok = check('markup outside any block (the Classic block)', '<p>Loose</p>', false) && ok;
} else {
  let savedDir = null;
  if (rest[0] === '--saved') {
    savedDir = rest[1];
    rest.splice(0, 2);
  }
  for (const body of rest) {
    const markup = fs.readFileSync(body, 'utf8');
    let count = 0;
    const tally = (list) => list.forEach((block) => { count++; tally(block.innerBlocks || []); });
    tally(blocks.parse(markup));
    ok = check(`${path.basename(body)}: ${count} blocks`, markup, true) && ok;
    if (savedDir) {
      fs.writeFileSync(path.join(savedDir, path.basename(body)), blocks.serialize(blocks.parse(markup)));
    }
  }
}

process.exit(ok ? 0 : 1);
