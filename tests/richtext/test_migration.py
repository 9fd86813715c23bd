"""Plain-text summaries and bodies become HTML paragraphs, and come back, without losing a character."""

import importlib
import pkgutil

import pytest
from django.apps import apps
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from meetings.models import Meeting
from richtext.sanitise import clean
from richtext.text import html_to_plain, plain_to_html, to_text
from tests.meetings import factories as meeting_factories
from tests.publications import factories as publication_factories

# Every character but "\r" (a browser's "\r\n" counts as one line break: see the next test).
TEXT = st.text(alphabet=st.characters(blacklist_characters="\r", blacklist_categories=("Cs",)))


@given(TEXT)
def test_any_text_comes_back_exactly(text):
    assert html_to_plain(plain_to_html(text)) == text


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "<", "&", ";", "é"]), min_size=1))
def test_the_html_shows_every_character_of_the_text(text):
    """What the public page renders (after the allow-list) has the same words, in the same paragraphs."""
    html = clean(plain_to_html(text))
    assert " ".join(to_text(html).split()) == " ".join(text.split())


def test_paragraphs_line_breaks_and_markup_like_text():
    text = 'First <b>not bold</b> & "quoted".\nSame paragraph.\n\nSecond\n\n\nThird, after two blank lines.'
    html = plain_to_html(text)
    assert html == (
        '<p>First &lt;b&gt;not bold&lt;/b&gt; &amp; "quoted".<br>Same paragraph.</p>'
        "<p>Second</p><p><br>Third, after two blank lines.</p>"
    )
    assert html_to_plain(html) == text


def test_a_browsers_line_breaks_count_once():
    assert plain_to_html("One\r\n\r\nTwo\r\nlines") == "<p>One</p><p>Two<br>lines</p>"
    assert html_to_plain(plain_to_html("One\r\n\r\nTwo")) == "One\n\nTwo"


def test_text_written_in_the_editor_later_goes_back_as_its_words():
    assert html_to_plain("<h2>Title</h2><ul><li>one</li><li>two</li></ul><p>End</p>") == "Title\n\none\n\ntwo\n\nEnd"


def migration(app, part="rich_text_summary_and_body"):
    """The app's migration whose name holds `part` (its number may change when migrations are regenerated)."""
    package = importlib.import_module(f"{app}.migrations")
    (name,) = [module.name for module in pkgutil.iter_modules(package.__path__) if part in module.name]
    return importlib.import_module(f"{app}.migrations.{name}")


class SchemaEditor:
    connection = connection


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("app", "make"),
    [
        ("meetings", lambda **f: meeting_factories.make_meeting(**f)),
        ("publications", lambda **f: publication_factories.make_publication(**f)),
    ],
)
def test_the_data_migration_forwards_and_backwards(app, make):
    body = "The partners met.\n\nThey agreed on <three> points & more:\nreturn, reintegration."
    summary = "One paragraph, with “quotes” and a < sign."
    item = make(summary="placeholder")
    model = type(item)
    # As the rows were before the migration: plain text (written past the field's own cleaning).
    model.objects.filter(pk=item.pk).update(summary=summary, body=body)
    step = migration(app)
    step.text_to_paragraphs(apps, SchemaEditor())
    item.refresh_from_db()
    assert item.body == plain_to_html(body)
    assert item.body.startswith("<p>The partners met.</p><p>They agreed on &lt;three&gt; points &amp; more:<br>")
    assert item.summary == plain_to_html(summary)
    step.paragraphs_to_text(apps, SchemaEditor())
    item.refresh_from_db()
    assert (item.summary, item.body) == (summary, body)


@pytest.mark.django_db
def test_an_empty_body_stays_empty():
    meeting = meeting_factories.make_meeting(body="")
    migration("meetings").text_to_paragraphs(apps, SchemaEditor())
    assert Meeting.objects.get(pk=meeting.pk).body == ""
