"""Sample PDFs for publications whose original file is not in the record.

Real, valid, multi-page PDFs whose first page says plainly that they are samples, made with Typst (the `typst`
package: the compiler and its fonts in one wheel, no system library). They are accessible PDFs (PDF/UA-1): every
heading, paragraph and quote is a structure element, the file declares its language, and viewers show its title
instead of the file name. The output is the same for the same input (fixed date, the compiler's own fonts only), so
loading the record twice makes the same file.
"""

import datetime

import typst

COVER_MARK = "SAMPLE FILE"  # the first words of every sample (is_sample_text)
FIXED_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)

# The text comes in through sys.inputs, never as markup, so nothing a title or summary holds is read as Typst.
TEMPLATE = """
#let given = sys.inputs
#set document(title: given.document_title, author: given.author, description: given.description)
#set text(lang: given.language, size: 11pt)
#set par(justify: false, spacing: 1.1em)
#set page(
  paper: "a4",
  margin: (x: 20mm, top: 20mm, bottom: 24mm),
  footer: context align(center, text(size: 9pt, fill: luma(35%))[
    SAMPLE FILE - not the original publication - page #counter(page).display() of #counter(page).final().first()
  ]),
)
#show heading.where(level: 1): set text(size: 22pt)
#show heading.where(level: 2): set text(size: 16pt)
#let paragraphs(text) = for part in text.split("\\n\\n") {
  if part.trim() != "" { par(part.trim()) }
}

#block(width: 100%, fill: rgb(0, 51, 160), inset: 14pt, align(center)[
  #text(size: 40pt, weight: "bold", fill: white)[SAMPLE FILE]
  #parbreak()
  #text(size: 14pt, fill: white)[Not the original publication]
])
#v(12pt)
#heading(level: 1, given.title)
#if given.line != "" { par(given.line) }
#par[This is a sample file. The original PDF of this publication is not part of the record this site was built
from, so the site ships this stand-in to show how publications are read and downloaded. Staff replace it with the
real PDF in the admin; the download address stays the same.]

#pagebreak()
#heading(level: 2)[About this publication (sample)]
#paragraphs(given.summary)
#if given.quote != "" { quote(block: true, given.quote) }
#paragraphs(given.body)

#for number in range(3, int(given.pages) + 1) {
  pagebreak()
  heading(level: 2)[Sample page #number]
  let filler = "The original text of the publication is not available on this site. " * 6
  par[This page is intentionally left as a sample. #filler]
}
"""


def sample_pdf(title, *, kind="", date="", summary="", quote="", body="", pages=3, language="en"):
    """The bytes of a sample PDF of at least `pages` pages for a publication."""
    inputs = {
        "document_title": f"SAMPLE - {title}",
        "title": title,
        "author": "IOM Global Office in Brussels (sample file)",
        "description": "A sample file standing in for a publication whose original PDF is not on this site.",
        "language": language,
        "line": " - ".join(part for part in (kind, date) if part),
        "summary": summary or "No summary is on record.",
        "quote": quote,
        "body": body,
        "pages": str(pages),
    }
    return typst.compile(
        TEMPLATE.encode(),
        format="pdf",
        sys_inputs=inputs,
        ignore_system_fonts=True,
        timestamp=int(FIXED_DATE.timestamp()),
        pdf_standards="ua-1",
    )


def is_sample_text(text):
    """Whether a PDF's extracted text is that of a sample made here: it opens with the cover's mark."""
    return (text or "").lstrip().startswith(COVER_MARK)
