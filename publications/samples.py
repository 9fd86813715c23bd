"""Sample PDFs for publications whose original file is not in the record.

Real, valid, multi-page PDFs (made with fpdf2) whose first page says plainly that they are samples. The output is
the same for the same input, so loading the record twice makes the same file. For assistive technology each file
declares its language and a title that viewers show instead of the file name, and its headings are structure
elements (fpdf2's sections: tagged and bookmarked); the body text is not tagged, which fpdf2 does not offer.
"""

import datetime
import textwrap

from fpdf import FPDF
from fpdf.fonts import TextStyle
from fpdf.prefs import ViewerPreferences

# fpdf2's built-in fonts cover Latin-1 only; typographic punctuation is written with its plain equivalent.
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "})
FIXED_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
BRAND = (0, 51, 160)
COVER_MARK = "SAMPLE FILE"  # the first words of every sample (is_sample_text)


def _plain(text):
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


class SamplePDF(FPDF):
    def footer(self):
        # Every page says what the file is, at its foot.
        self.set_y(-15)
        self.set_font("helvetica", "", 9)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, f"SAMPLE FILE - not the original publication - page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def sample_pdf(title, *, kind="", date="", summary="", quote="", body="", pages=3, language="en"):
    """The bytes of a sample PDF of at least `pages` pages for a publication."""
    pdf = SamplePDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(_plain(f"SAMPLE - {title}"))
    pdf.set_lang(language)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_section_title_styles(
        TextStyle(font_family="helvetica", font_style="B", font_size_pt=22, t_margin=4, b_margin=4),
        TextStyle(font_family="helvetica", font_style="B", font_size_pt=16, t_margin=0, b_margin=2),
    )
    pdf.set_author("IOM Global Office in Brussels (sample file)")
    pdf.set_subject("A sample file standing in for a publication whose original PDF is not on this site.")
    pdf.set_auto_page_break(True, margin=20)
    width = pdf.w - pdf.l_margin - pdf.r_margin

    # Page 1: what this file is, in large type.
    pdf.add_page()
    pdf.set_fill_color(*BRAND)
    pdf.rect(0, 0, pdf.w, 60, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("helvetica", "B", 40)
    pdf.set_xy(pdf.l_margin, 16)
    pdf.cell(width, 16, COVER_MARK, align="C")
    pdf.set_font("helvetica", "", 14)
    pdf.set_xy(pdf.l_margin, 36)
    pdf.cell(width, 8, "Not the original publication", align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, 75)
    pdf.start_section(_plain(title), level=0)
    pdf.ln(4)
    pdf.set_font("helvetica", "", 13)
    line = " - ".join(part for part in (kind, date) if part)
    if line:
        pdf.multi_cell(width, 7, _plain(line), align="C")
    pdf.ln(10)
    pdf.set_font("helvetica", "", 12)
    pdf.multi_cell(
        width,
        6,
        "This is a sample file. The original PDF of this publication is not part of the record this site was "
        "built from, so the site ships this stand-in to show how publications are read and downloaded. "
        "Staff replace it with the real PDF in the admin; the download address stays the same.",
        align="C",
    )

    # Page 2: the summary and quote the site holds.
    pdf.add_page()
    _heading(pdf, "About this publication (sample)")
    _paragraphs(pdf, width, summary or "No summary is on record.")
    if quote:
        pdf.ln(4)
        pdf.set_font("helvetica", "I", 12)
        pdf.multi_cell(width, 6, _plain(f'"{quote}"'))
        pdf.set_font("helvetica", "", 11)
    if body:
        pdf.ln(4)
        _paragraphs(pdf, width, body)

    # Further pages, so that the file is realistic for viewers: page numbers and ranges are exercised.
    for number in range(3, pages + 1):
        pdf.add_page()
        _heading(pdf, f"Sample page {number}")
        _paragraphs(
            pdf,
            width,
            "This page is intentionally left as a sample. "
            + " ".join(textwrap.wrap("The original text of the publication is not available on this site. " * 6)),
        )

    return bytes(pdf.output())


def _heading(pdf, text):
    pdf.start_section(_plain(text), level=1)
    pdf.ln(2)
    pdf.set_font("helvetica", "", 11)


def _paragraphs(pdf, width, text):
    for paragraph in text.split("\n\n"):
        pdf.multi_cell(width, 6, _plain(paragraph.strip()))
        pdf.ln(3)


def is_sample_text(text):
    """Whether a PDF's extracted text is that of a sample made here: it opens with the cover's mark."""
    return (text or "").lstrip().startswith(COVER_MARK)
