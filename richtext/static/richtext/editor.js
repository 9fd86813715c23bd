// The site's preset of django-prose-editor: its "configurable" preset, with three differences.
// - The editor's own base CSS is injected with the page's CSP nonce (the site allows no other inline style).
// - The editable area is a labelled, multi-line text box for assistive technology (the label of its field).
// - Pasted Word lists become lists, and headings the site does not use become the nearest it does.
import * as prose from "django-prose-editor/editor";

const ATTRIBUTE = "data-django-prose-editor-iomeu";

function pageNonce() {
  const script = document.querySelector("script[nonce]");
  return script ? script.nonce || script.getAttribute("nonce") || undefined : undefined;
}

function labelOf(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
  return label ? label.textContent.replace(/:\s*$/, "").trim() : textarea.name;
}

// Word marks a list item as a paragraph styled "mso-list:l<list> level<n>" whose bullet or number is text in a
// span styled "mso-list:Ignore"; pasted as it is, each item would become a paragraph starting with "·" or "1.".
const WORD_LIST_ITEM = /mso-list:\s*l\d+\s+level(\d+)/i;
const WORD_LIST_MARKER = /mso-list:\s*ignore/i;
const NUMBERED_MARKER = /^\(?([0-9]+|[a-z]{1,3}|[ivxlcdm]+)[.)]$/i;

function wordListsToLists(body) {
  const document = body.ownerDocument;
  let open = []; // the lists being filled, outermost first: {list, level}
  for (const paragraph of [...body.querySelectorAll("p")]) {
    const item = WORD_LIST_ITEM.exec(paragraph.getAttribute("style") || "");
    if (!item) continue;
    const level = Number(item[1]);
    let marker = "";
    for (const span of paragraph.querySelectorAll("span[style]")) {
      if (WORD_LIST_MARKER.test(span.getAttribute("style"))) {
        marker += span.textContent;
        span.remove();
      }
    }
    marker = marker.replace(/[\s\u00a0]/g, "");
    if (!open.length || paragraph.previousElementSibling !== open[0].list) open = []; // not the same list
    while (open.length && open.at(-1).level > level) open.pop();
    if (!open.length || open.at(-1).level < level) {
      const list = document.createElement(NUMBERED_MARKER.test(marker) ? "ol" : "ul");
      if (open.length) (open.at(-1).list.lastElementChild || open.at(-1).list).append(list);
      else paragraph.before(list);
      open.push({ list, level });
    }
    const listItem = document.createElement("li");
    listItem.append(...paragraph.childNodes);
    open.at(-1).list.append(listItem);
    paragraph.remove();
  }
}

function renameHeadings(body) {
  const levels = { H1: "h2", H5: "h4", H6: "h4" };
  for (const heading of [...body.querySelectorAll("h1, h5, h6")]) {
    const renamed = body.ownerDocument.createElement(levels[heading.tagName]);
    renamed.append(...heading.childNodes);
    heading.replaceWith(renamed);
  }
}

function transformPastedHTML(html) {
  if (!/mso-list|<h[156][\s>]/i.test(html)) return html;
  const body = new DOMParser().parseFromString(html, "text/html").body;
  wordListsToLists(body);
  renameHeadings(body);
  return body.innerHTML;
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const extensions = [];
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = prose[name];
    if (extension) extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = document.createElement("div");
  wrapper.className = disabled ? "prose-editor disabled" : "prose-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  const attributes = { role: "textbox", "aria-multiline": "true", "aria-label": labelOf(textarea) };
  const help = textarea.getAttribute("aria-describedby");
  if (help) attributes["aria-describedby"] = help;
  const editor = new prose.Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectNonce: pageNonce(),
    editorProps: { attributes, transformPastedHTML },
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }));
  return editor;
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
