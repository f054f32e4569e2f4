// The editor's image node (content/editor.py, "SiteImage"): a picture of this site's image library,
// stored in the body as <img src="/media/library/…" alt="…"> and nothing else, which content/sanitizer.py
// keeps unchanged and content/library.py turns into a figure with srcset on the public pages.
// It reads only images whose address starts with the library's (the "prefix" option): an image pasted
// from another site, or any other address, is not part of the document and never reaches the server.
import { Image } from "django-prose-editor/editor";

export const SiteImage = Image.extend({
  addOptions() {
    return { ...this.parent?.(), inline: false, allowBase64: false, prefix: "/media/library/" };
  },
  addAttributes() {
    return { src: { default: null }, alt: { default: "" } };
  },
  parseHTML() {
    const prefix = this.options.prefix;
    return [
      {
        tag: "img[src]",
        getAttrs: (element) => {
          const src = element.getAttribute("src") || "";
          // Only this site's library: no host, no scheme, no way out of the folder.
          if (!src.startsWith(prefix) || src.includes("..") || /[\s\\]/.test(src)) return false;
          return { src, alt: element.getAttribute("alt") || "" };
        },
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ["img", { src: HTMLAttributes.src, alt: HTMLAttributes.alt || "" }];
  },
  // The toolbar's "Insert image" button opens the picker of content/static/content/editor.js, which
  // inserts the chosen image with insertContent({type: "image", attrs: {src, alt}}).
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "siteImage",
      groups: "nodes",
      button: buttons.material("image", "Insert image"),
      command(editor) {
        editor.view.dom.dispatchEvent(new CustomEvent("site-image:pick", { bubbles: true }));
      },
      enabled: (editor) => editor.can().insertContent({ type: "image", attrs: { src: "/", alt: "" } }),
    });
  },
});
