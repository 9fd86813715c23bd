"""What the record's Atom feeds share (the feeds themselves: meetings/feeds.py, publications/feeds.py)."""

from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.xmlutils import SimplerXMLGenerator

from richtext.text import to_line

from .dates import DatePrecision

FEED_SIZE = 50
AUTHOR = "IOM Global Office in Brussels"


class StyledAtom1Feed(Atom1Feed):
    """Atom with the feed's stylesheets as xml-stylesheet instructions (Django adds them to RSS feeds only)."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class RecordFeed(Feed):
    feed_type = StyledAtom1Feed
    author_name = AUTHOR

    def stylesheets(self):
        # Shown as a page to people who open a feed in a browser that applies XSLT; feed readers ignore it.
        return [Stylesheet(static("feeds/atom.xsl"), mimetype="text/xsl")]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The text, not the markup: feed readers show it as they like.
        return to_line(item.summary)

    def item_pubdate(self, item):
        # An item known only to its month or year has no moment of publication to give: its loaded publication
        # time (noon on the first day) would be invented, so <published> is left out; <updated> is the real edit.
        if item.date_precision != DatePrecision.DAY:
            return None
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
