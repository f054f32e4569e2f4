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
//   number and a style naming the list, become real lists;
// - the image picker behind the toolbar's "Insert image" button (the SiteImage node,
//   content/static/content/site_image.js): choose an image of the site's library (with a
//   search) or upload a new one with its description. Uploads go through the library's
//   own checks (content/library_admin.py, upload/); a refusal is shown in the picker,
//   next to the field it concerns, and neither what was typed in the picker nor the
//   text of the editor is touched until an image is inserted.
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
const IMAGE_SRC = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|<img[\s>]/gi;

function hasOutsideImage(html, prefix) {
  for (const match of html.matchAll(IMAGE_SRC)) {
    const src = match[1] ?? match[2] ?? match[3];
    if (!prefix || src === undefined || !src.startsWith(prefix)) return true;
  }
  return false;
}

function pasteNotes(html, prefix) {
  const notes = [];
  if (STYLING.test(html)) {
    notes.push(
      gettext("The formatting of the pasted text (fonts, colours, sizes) was removed; its paragraphs, headings, lists, links and tables were kept."),
    );
  }
  if (ACTIVE.test(html)) {
    notes.push(gettext("Scripts, embedded frames and forms in the pasted text were left out."));
  }
  if (hasOutsideImage(html, prefix)) {
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
    const prefix = editorElement.querySelector("textarea[data-image-prefix]")?.dataset.imagePrefix;
    showNotes(editorElement, pasteNotes(html, prefix));
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

// -- the image picker ------------------------------------------------------------------------

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

const UPLOAD_FIELDS = [
  ["alt", "Description (Chinese, required)"],
  ["alt_en", "Description (English)"],
  ["caption", "Caption (Chinese)"],
  ["caption_en", "Caption (English)"],
  ["credit", "Credit (photographer or source)"],
];

class ImagePicker {
  constructor() {
    this.editor = null;
    this.urls = {};
    this.search = element("input", { type: "search", className: "vTextField", name: "image-search" });
    this.results = element("ul", { className: "image-picker-results" });
    this.empty = element("p", { className: "image-picker-empty", hidden: true, textContent: gettext("No image of the library matches.") });
    this.errors = {};
    const field = (name, label, input) => {
      input.name = name;
      input.id = `image-picker-${name}`;
      this.errors[name] = element("ul", { className: "errorlist", hidden: true });
      return element("div", { className: "image-picker-field" }, [
        element("label", { htmlFor: input.id, textContent: gettext(label) }),
        this.errors[name],
        input,
      ]);
    };
    this.file = element("input", { type: "file", accept: "image/jpeg,image/png,image/webp,image/gif" });
    this.inputs = Object.fromEntries(UPLOAD_FIELDS.map(([name]) => [name, element("input", { type: "text", className: "vTextField" })]));
    this.inputs.alt.required = true;
    this.general = element("p", { className: "errornote", hidden: true, role: "alert" });
    this.uploadButton = element("button", { type: "button", className: "button default", textContent: gettext("Upload and insert") });
    this.uploadButton.addEventListener("click", () => this.upload());
    this.library = element("a", { textContent: gettext("Open the image library"), target: "_blank" });
    const close = element("button", { type: "button", className: "button", textContent: gettext("Cancel") });
    close.addEventListener("click", () => this.dialog.close());
    const title = element("h2", { id: "image-picker-title", textContent: gettext("Insert an image") });
    this.dialog = element("dialog", { className: "image-picker" }, [
      title,
      element("section", { className: "image-picker-choose" }, [
        element("h3", { textContent: gettext("Choose from the library") }),
        element("label", { htmlFor: "image-picker-search", textContent: gettext("Search descriptions, captions and credits") }),
        this.search,
        this.results,
        this.empty,
      ]),
      element("section", { className: "image-picker-upload" }, [
        element("h3", { textContent: gettext("Or upload a new image") }),
        this.general,
        field("file", "Image file", this.file),
        ...UPLOAD_FIELDS.map(([name, label]) => field(name, label, this.inputs[name])),
        element("p", { className: "image-picker-actions" }, [this.uploadButton, " ", close]),
      ]),
      element("p", { className: "image-picker-library" }, [this.library]),
    ]);
    this.dialog.setAttribute("aria-labelledby", title.id);
    this.search.id = "image-picker-search";
    let timer;
    this.search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.find(), 250);
    });
    this.search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // not the article's form
    });
    document.body.append(this.dialog);
  }

  open(editorElement) {
    const textarea = editorElement.querySelector("textarea[data-image-picker]");
    this.editor = editorElement.querySelector(":scope > .ProseMirror")?.editor;
    if (!textarea || !this.editor) return;
    this.urls = { picker: textarea.dataset.imagePicker, upload: textarea.dataset.imageUpload };
    this.library.href = textarea.dataset.imageLibrary;
    this.dialog.showModal();
    this.search.focus();
    this.find();
  }

  async find() {
    const url = `${this.urls.picker}?${new URLSearchParams({ q: this.search.value })}`;
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const { results } = await response.json();
    this.results.replaceChildren(
      ...results.map((image) => {
        const button = element("button", { type: "button", className: "image-picker-choice" }, [
          element("img", { src: image.thumbnail, alt: "" }),
          element("span", { textContent: image.alt }),
        ]);
        button.addEventListener("click", () => this.insert(image));
        return element("li", {}, [button]);
      }),
    );
    this.empty.hidden = results.length > 0;
  }

  insert(image) {
    this.editor.chain().focus().insertContent({ type: "image", attrs: { src: image.src, alt: image.alt } }).run();
    this.dialog.close();
  }

  showErrors(errors) {
    for (const [name, list] of Object.entries(this.errors)) {
      const messages = errors[name] || [];
      list.replaceChildren(...messages.map((text) => element("li", { textContent: text })));
      list.hidden = messages.length === 0;
    }
    const other = Object.entries(errors).filter(([name]) => !(name in this.errors)).flatMap(([, messages]) => messages);
    this.general.textContent = other.join(" ");
    this.general.hidden = other.length === 0;
  }

  async upload() {
    const errors = {};
    if (!this.file.files.length) errors.file = [gettext("Choose an image file to upload.")];
    if (!this.inputs.alt.value.trim()) errors.alt = [gettext("Describe the image for visitors who cannot see it.")];
    this.showErrors(errors);
    if (Object.keys(errors).length) return;
    const data = new FormData();
    data.append("file", this.file.files[0]);
    for (const [name, input] of Object.entries(this.inputs)) data.append(name, input.value);
    const token = document.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
    this.uploadButton.disabled = true;
    try {
      const response = await fetch(this.urls.upload, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, Accept: "application/json" },
      });
      const answer = response.headers.get("Content-Type")?.includes("json") ? await response.json() : {};
      if (response.ok) {
        this.file.value = "";
        for (const input of Object.values(this.inputs)) input.value = "";
        this.showErrors({});
        this.insert(answer);
      } else {
        this.showErrors(answer.errors || { __all__: [interpolate(gettext("The upload failed (error %s). Nothing was inserted; try again."), [response.status])] });
      }
    } catch {
      this.showErrors({ __all__: [gettext("The upload failed: the site could not be reached. Nothing was inserted; try again.")] });
    } finally {
      this.uploadButton.disabled = false;
    }
  }
}

let picker;
document.addEventListener("site-image:pick", (event) => {
  const editorElement = event.target instanceof Element && event.target.closest(".prose-editor");
  if (!editorElement) return;
  picker ||= new ImagePicker();
  picker.open(editorElement);
});

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
