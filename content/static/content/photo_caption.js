// The editor's node for the caption of a photo that is gone (content/editor.py, "PhotoCaption"): stored
// in the body as <figure><figcaption>…</figcaption></figure> with no image, as the importer keeps a
// news page's caption whose photo it could not bring along (news/importer/parsing.py). Without this node
// the editor would read the caption as a plain paragraph and an edit would lose what it is; with it, the
// caption stays a caption, can be edited as text, and can be deleted. No toolbar button: a new caption
// without its photo is not something an editor writes.
import { Node } from "django-prose-editor/editor";

export const PhotoCaption = Node.create({
  name: "photoCaption",
  group: "block",
  content: "inline*",
  defining: true,
  parseHTML() {
    return [
      {
        tag: "figure",
        contentElement: "figcaption",
        // A figure with an image is the image node's (and never stored as a figure anyway).
        getAttrs: (element) => (element.querySelector("img") || !element.querySelector("figcaption") ? false : null),
      },
    ];
  },
  renderHTML() {
    return ["figure", ["figcaption", 0]];
  },
});
