// What the admin adds to django-prose-editor (see content/editor.py):
// - the editing area named after the field's label, and described by its help
//   text, as the textarea it stands in for was (screen readers, axe);
// - the toolbar's titles in the admin's language: the library writes them in
//   English, so they are looked up in Django's JavaScript catalog (admin jsi18n);
// - after a paste, a short note next to the editor saying what was left out
//   (styling, scripts, images from other sites), so nothing disappears unsaid;
// - before the editor reads a paste, its style attributes and style sheets are
//   taken out of the HTML text: the editor would drop them anyway, but parsing
//   them makes Chromium report a CSP violation for each one (no inline styles);
//   and Word's lists, which it writes as paragraphs with a typed bullet or
//   number and a style naming the list, become real lists.
// A module file served by the site: the page runs no inline script.

const gettext = window.gettext || ((text) => text);
const interpolate = window.interpolate || ((format, args) => format.replace("%s", args[0]));

function translateLabel(text) {
  const heading = /^heading (\d)$/i.exec(text);
  if (heading) return interpolate(gettext("Heading %s"), [heading[1]]);
  return gettext(text);
}

// A toolbar title or label: English has no catalog, so the library's lower-case titles ("bold") get a
// capital, as the admin writes its own. (Not for text: a button's text is an icon's name, "format_bold".)
function translateTitle(text) {
  const translated = translateLabel(text);
  return translated === text ? text.charAt(0).toUpperCase() + text.slice(1) : translated;
}

function nameEditors(root) {
  for (const editor of root.querySelectorAll(".prose-editor")) {
    const textarea = editor.querySelector(":scope > textarea");
    const area = editor.querySelector(":scope > .ProseMirror");
    const label = textarea && textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    if (!area || !label) continue;
    area.setAttribute("aria-label", label.textContent.trim().replace(/[:：]$/, ""));
    const help = textarea.getAttribute("aria-describedby");
    if (help) area.setAttribute("aria-describedby", help);
  }
}

function translate(root) {
  for (const element of root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]")) {
    for (const attribute of ["title", "aria-label"]) {
      const value = element.getAttribute(attribute);
      if (value) element.setAttribute(attribute, translateTitle(value));
    }
  }
  // The block type dropdown shows its choices as text.
  for (const element of root.querySelectorAll(".prose-menubar__dropdown *")) {
    if (element.childElementCount === 0 && element.textContent) {
      element.textContent = translateLabel(element.textContent);
    }
  }
}

// What a paste brought that the editor left out. Presentation: inline styles, classes, fonts,
// Word's and WeChat's wrappers. Content: scripts and frames, and images, which are not pasted
// (images from other sites are never shown here, and this site's are inserted from its library).
const STYLING = /\sstyle=|\sclass=|<span[\s>]|<font[\s>]|<o:p|mso-|<section[\s>]/i;
const ACTIVE = /<(script|iframe|object|embed|form)[\s>]/i;
const IMAGE = /<img[\s>]/i;

function pasteNotes(html) {
  const notes = [];
  if (STYLING.test(html)) {
    notes.push(
      gettext("The formatting of the pasted text (fonts, colours, sizes) was removed; its paragraphs, headings, lists, links and tables were kept."),
    );
  }
  if (ACTIVE.test(html)) {
    notes.push(gettext("Scripts, embedded frames and forms in the pasted text were left out."));
  }
  if (IMAGE.test(html)) {
    notes.push(gettext("Images in the pasted text were left out: upload images to this site instead."));
  }
  return notes;
}

function showNotes(editorElement, notes) {
  let box = editorElement.nextElementSibling;
  if (!box || !box.classList.contains("editor-paste-notes")) {
    box = document.createElement("div");
    box.className = "editor-paste-notes";
    box.setAttribute("role", "status");
    editorElement.after(box);
  }
  box.replaceChildren(
    ...notes.map((text) => {
      const line = document.createElement("p");
      line.textContent = text;
      return line;
    }),
  );
  box.hidden = notes.length === 0;
}

// In the HTML text, as the clipboard holds it: a style sheet, and a style attribute inside a tag.
const STYLE_SHEET = /<style[\s>][\s\S]*?<\/style\s*>/gi;
const TAG = /<[a-zA-Z][^<>]*>/g;
const STYLE_ATTRIBUTE = /\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;

function withoutStyles(html) {
  return html.replace(STYLE_SHEET, "").replace(TAG, (tag) => tag.replace(STYLE_ATTRIBUTE, ""));
}

// Word: <p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>1.&nbsp;<![endif]>text</p>
const WORD_LIST_STYLE = /mso-list:\s*(l\d+)\s+level(\d+)/i;
const WORD_LIST_MARKER = /<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/gi;
const NUMBERED = /^[(（]?([0-9]+|[a-zA-Z]|[ivxlcIVXLC]+|[一二三四五六七八九十]+)[.、)）]$/;

function markWordLists(html) {
  return html
    .replace(TAG, (tag) => {
      const list = WORD_LIST_STYLE.exec(tag);
      return list ? tag.replace(/>$/, ` data-word-list="${list[1]}" data-word-level="${list[2]}">`) : tag;
    })
    .replace(WORD_LIST_MARKER, (_, marker) => {
      const text = marker.replace(/<[^>]*>/g, "").replace(/&nbsp;|\s/g, "");
      return `<span data-word-marker="${NUMBERED.test(text) ? "ol" : "ul"}"></span>`;
    });
}

function wordListsToLists(html) {
  if (!html.includes("data-word-list")) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const first of doc.querySelectorAll("[data-word-list]")) {
    if (!first.isConnected || first.previousElementSibling?.hasAttribute("data-word-list")) continue;
    const lists = []; // the open lists, one for each level
    let item = first;
    const start = doc.createElement("div");
    first.before(start);
    while (item && item.hasAttribute("data-word-list")) {
      const next = item.nextElementSibling;
      const level = Math.max(1, Number(item.dataset.wordLevel));
      const kind = item.querySelector("[data-word-marker]")?.dataset.wordMarker || "ul";
      while (lists.length > level) lists.pop();
      while (lists.length < level) {
        const list = doc.createElement(kind);
        const parent = lists.at(-1)?.lastElementChild || start;
        parent.append(list);
        lists.push(list);
      }
      const entry = doc.createElement("li");
      item.querySelector("[data-word-marker]")?.remove();
      entry.append(...item.childNodes);
      lists.at(-1).append(entry);
      item.remove();
      item = next;
    }
    start.replaceWith(...start.childNodes);
  }
  return doc.body.innerHTML;
}

document.addEventListener(
  "paste",
  (event) => {
    const editorElement = event.target instanceof Element && event.target.closest(".prose-editor");
    if (!editorElement || !event.clipboardData) return;
    const html = event.clipboardData.getData("text/html");
    showNotes(editorElement, pasteNotes(html));
    const view = editorElement.querySelector(":scope > .ProseMirror")?.editor?.view;
    const cleaned = wordListsToLists(withoutStyles(markWordLists(html)));
    if (view && cleaned !== html) {
      // The editor's own paste handling, with the cleaned text instead of the clipboard's.
      event.preventDefault();
      event.stopImmediatePropagation();
      view.pasteHTML(cleaned, event);
    }
  },
  true,
);

translate(document);
nameEditors(document);
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      const editor = node instanceof Element && node.closest(".prose-editor");
      if (editor) {
        translate(editor);
        nameEditors(editor.parentElement);
      }
    }
  }
}).observe(document.body, { childList: true, subtree: true });
