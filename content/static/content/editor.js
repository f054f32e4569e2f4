// What the admin adds to django-prose-editor (see content/editor.py):
// - the toolbar's titles in the admin's language: the library writes them in
//   English, so they are looked up in Django's JavaScript catalog (admin jsi18n);
// - after a paste, a short note next to the editor saying what was left out
//   (styling, scripts, images from other sites), so nothing disappears unsaid;
// - before the editor reads a paste, its style attributes and style sheets are
//   taken out of the HTML text: the editor would drop them anyway, but parsing
//   them makes Chromium report a CSP violation for each one (no inline styles).
// A module file served by the site: the page runs no inline script.

const gettext = window.gettext || ((text) => text);
const interpolate = window.interpolate || ((format, args) => format.replace("%s", args[0]));

function translateLabel(text) {
  const heading = /^heading (\d)$/i.exec(text);
  if (heading) return interpolate(gettext("Heading %s"), [heading[1]]);
  return gettext(text);
}

function translate(root) {
  for (const element of root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]")) {
    for (const attribute of ["title", "aria-label"]) {
      const value = element.getAttribute(attribute);
      if (value) element.setAttribute(attribute, translateLabel(value));
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

document.addEventListener(
  "paste",
  (event) => {
    const editorElement = event.target instanceof Element && event.target.closest(".prose-editor");
    if (!editorElement || !event.clipboardData) return;
    const html = event.clipboardData.getData("text/html");
    showNotes(editorElement, pasteNotes(html));
    const view = editorElement.querySelector(":scope > .ProseMirror")?.editor?.view;
    const cleaned = withoutStyles(html);
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
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (node instanceof Element && node.closest(".prose-editor")) translate(node.closest(".prose-editor"));
    }
  }
}).observe(document.body, { childList: true, subtree: true });
