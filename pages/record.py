"""The site's own pages, key figures and timeline milestones, written in our own words from the source documents.

"Who we are" (seed 003) gives the home page's introduction and About; the office's units (seed 000) give Contact;
the key figures come from the press releases of the 5th, 9th and 10th Senior Officials Meetings (seeds 002, 004 and
the 2024 release), each with its source and year. Loaded by `manage.py load_seed_content` after the meetings, so that
a key figure can link the meeting whose press release gave it. Idempotent: running it twice changes nothing.

Decisions on what the documents disagree about: the Strategic Cooperation Framework is dated July 2012 (three
documents say July, one says June); the email addresses of the units are hidden in the source page, so the Contact
page gives phone and fax only until staff add them.
"""

import datetime

from core.html import clean_html
from core.models import Status
from core.seeding import Tally, sync
from meetings.models import Meeting

from .models import KeyFigure, Milestone, Page

PAGES = [
    {
        "slug": Page.HOME_SLUG,
        "title": "IOM and the European Union",
        "order": 0,
        "description": (
            "The IOM Global Office in Brussels, IOM's liaison office to the EU institutions, and the record of "
            "EU-IOM cooperation on migration since the 2012 Strategic Cooperation Framework."
        ),
        "body": """
<p>The International Organization for Migration (IOM), the UN Migration Agency, has worked with the European Union
on migration for years. Its Global Office in Brussels is IOM's liaison and coordination office to the EU's
institutions, bodies and agencies.</p>
<p>This site keeps the record of that cooperation: the yearly Senior Officials Meetings held under the 2012 EU-IOM
Strategic Cooperation Framework, the EU services that take part, IOM's recommendations to each Presidency of the
Council of the EU, and IOM's papers on EU migration policy.</p>
""",
    },
    {
        "slug": "about",
        "title": "About the IOM Global Office in Brussels",
        "order": 1,
        "description": (
            "Who we are: IOM's liaison and coordination office to the EU institutions, bodies and agencies, what it "
            "does and the framework of its cooperation with the EU."
        ),
        "body": """
<p>IOM, the International Organization for Migration, is part of the United Nations system. Since 1951 it has
promoted humane and orderly migration for the benefit of all, and today it has 175 member states and offices in over
100 countries.</p>
<h2>What the office does</h2>
<p>The IOM Global Office in Brussels is IOM's liaison and coordination office to the European Union's institutions,
bodies and agencies. IOM set up its liaison with the EU in September 2011, when the Treaty of Lisbon, the EU's
enlargement and closer cooperation among its members had put migration and asylum policy at the centre of EU
affairs.</p>
<ul>
<li>It gives the EU evidence-based advice and recommendations on migration policies and programmes, and takes part in
the consultations of the European Commission and the European Parliament and in the work of the Council's
Presidencies.</li>
<li>It guides and supports IOM offices around the world on EU matters: their advocacy, and the design, contracting and
running of projects the EU funds.</li>
<li>It hosts projects run centrally, such as the EU Readmission Capacity Building Facility (EURCAP) and election
support and observation projects.</li>
</ul>
<h2>Partners</h2>
<p>Besides the EU institutions and agencies, the office works with UN agencies, trade unions, the private sector,
academia and think tanks, non-governmental organisations, regional and international organisations, and the media, on
policy, programmes, research and advocacy.</p>
<h2>What we work towards</h2>
<p>European policies, programmes and cooperation that lead to safer and regular migration; inclusion and social
cohesion for migrants and the communities they live in; access to assistance and protection for migrants in
vulnerable situations; dignified return with sustainable reintegration that respects migrants' rights; a response to
crises that takes people's mobility into account; and answers to migration driven by environmental degradation and
climate change.</p>
<h2>The framework of the cooperation</h2>
<p>In November 2011 IOM and the EU signed a Framework Agreement on contractual and administrative matters. In July
2012 IOM, three services of the European Commission (DG HOME, DG DEVCO and DG ECHO) and the European External Action
Service set up the EU-IOM Strategic Cooperation Framework, to work together on migration, development, humanitarian
response and human rights. Its Senior Officials Meetings have been held almost every year since May 2013, with
meetings of Heads of Unit or Division and of experts in between. DG NEAR joined the framework in February 2016, and DG
DEVCO became DG INTPA in January 2021.</p>
""",
    },
    {
        "slug": "about-this-record",
        "title": "About this record",
        "order": 3,
        "description": (
            "Where the record of EU-IOM cooperation on this website comes from, and how dates, names and numbers "
            "are given where sources differ."
        ),
        "body": """
<p>This website gathers what IOM's Global Office in Brussels has published about its cooperation with the European
Union: its pages on the office and on the Strategic Cooperation Framework, and IOM's press releases on the Senior
Officials Meetings. Public news items of IOM and the European Commission about the same meetings complete it.
Summaries are written by the office; quotes are given word for word, with their speaker.</p>
<h2>How the record is written</h2>
<ul>
<li><strong>Dates.</strong> Each meeting and paper is dated as precisely as its sources allow: to the day, or only to
the month or the year. A meeting known only by its year has no calendar entry.</li>
<li><strong>What is not known is left out.</strong> A meeting page lists only the hosts, participants, services, places
and topics that a source names.</li>
<li><strong>Titles</strong> are those people held on the day of the meeting.</li>
</ul>
<h2>Decisions where sources differ</h2>
<ul>
<li><strong>The meeting of 7 October 2022 is the ninth Senior Officials Meeting.</strong> One release calls it the
eighth of its kind; it was held in the framework's ninth year, other reports call it the ninth, and the meeting of 2024
was the tenth. The seventh and eighth meetings were held between June 2019 and October 2022; they have no page of
their own.</li>
<li><strong>The framework dates from July 2012</strong>, as three of the four documents that date it say (one says June
2012).</li>
<li><strong>DG NEAR's name</strong> is given as the Directorate-General for Neighbourhood and Enlargement Negotiations,
as written when it joined the framework in February 2016. Documents of the time also call it the Directorate-General
for European Neighbourhood and Enlargement Negotiations, and the Directorate-General for European Neighbourhood Policy
and Enlargement Negotiations.</li>
<li><strong>DG INTPA</strong> took DG DEVCO's place in the framework when it succeeded it in January 2021.</li>
<li><strong>The first edition of Partnerships in Action</strong> is listed under 2016, the year before the second
edition, which covers 2015 and 2016 and appeared on 7 February 2017. The office's earlier page linked the first edition
as "the 2015-2016 Booklet".</li>
<li><strong>The Director General's remarks on the future of Home Affairs</strong> are dated January 2014: the
conference ran on 29 and 30 January 2014.</li>
<li><strong>Papers without a date</strong> carry the year they belong to: the recommendations to a Council Presidency
the year of that Presidency, and IOM's contributions the year of the consultation they answered.</li>
</ul>
<h2>Files</h2>
<p>Where the original PDF of a paper is not yet on this website, a sample file stands in for it and says so on its
first page. Ask the office for the original.</p>
""",
    },
    {
        "slug": "contact",
        "title": "Contact",
        "order": 2,
        "description": "How to reach the IOM Global Office in Brussels and its Policy and Programme Support Unit.",
        "body": """
<p>The IOM Global Office in Brussels (formerly the IOM Regional Office for the EU, EEA and NATO) can be reached at
the numbers below.</p>
<h2>IOM Global Office in Brussels</h2>
<ul>
<li>Telephone: <a href="tel:+3222877000">+32 2 287 70 00</a></li>
<li>Fax: +32 2 287 70 06</li>
</ul>
<h2>Policy and Programme Support Unit</h2>
<ul>
<li>Telephone: <a href="tel:+3222877000">+32 2 287 70 00</a></li>
<li>Fax: +32 2 287 70 06</li>
</ul>
<p>For questions about this website, its content or its accessibility, please call the office.</p>
""",
    },
]

MILESTONES = [
    {
        "title": "IOM sets up its liaison with the European Union",
        "date": datetime.date(2011, 9, 1),
        "date_precision": "month",
        "description": "IOM establishes its liaison with the EU institutions, in Brussels.",
    },
    {
        "title": "IOM and the EU sign a Framework Agreement",
        "date": datetime.date(2011, 11, 1),
        "date_precision": "month",
        "description": "The agreement streamlines the contractual and administrative side of working together.",
    },
]

# (value, label, source, year, slug of the meeting whose press release gave it)
KEY_FIGURES = [
    (
        "15",
        "EU-IOM meetings at all levels from the start of the cooperation to April 2018",
        "IOM press release on the 5th Senior Officials Meeting, 4 April 2018",
        2018,
        "5th-senior-officials-meeting-2018",
    ),
    (
        "over 300",
        "EU and IOM staff took part in those meetings",
        "IOM press release on the 5th Senior Officials Meeting, 4 April 2018",
        2018,
        "5th-senior-officials-meeting-2018",
    ),
    (
        "nearly 700",
        "projects the European Commission and IOM carried out together worldwide between 2015 and 2021",
        "IOM press release on the Senior Officials Meeting of 7 October 2022",
        2022,
        "9th-senior-officials-meeting-2022",
    ),
    (
        "EUR 2.9 billion",
        "the approximate value of those projects",
        "IOM press release on the Senior Officials Meeting of 7 October 2022",
        2022,
        "9th-senior-officials-meeting-2022",
    ),
    (
        "over 80",
        "EU projects implemented through IOM, together worth over EUR 1 billion",
        "IOM press release on the 10th Senior Officials Meeting, 2024",
        2024,
        "10th-senior-officials-meeting-2024",
    ),
]


def load(stdout):
    """Bring the pages, milestones and key figures of the record to what it says."""
    tally = Tally()
    for order, item in enumerate(PAGES):
        values = {
            "title": item["title"],
            "description": item["description"],
            "body": clean_html(item["body"]),
            "order": item.get("order", order),
            "status": Status.PUBLISHED,
        }
        tally.add("pages", sync(Page, {"slug": item["slug"]}, values)[1])
    for item in MILESTONES:
        values = {key: value for key, value in item.items() if key != "title"}
        tally.add("timeline milestones", sync(Milestone, {"title": item["title"]}, values)[1])
    for order, (value, label, source, year, meeting_slug) in enumerate(KEY_FIGURES):
        values = {
            "label": label,
            "source": source,
            "source_url": _meeting_url(meeting_slug),
            "order": order,
            "status": Status.PUBLISHED,
        }
        tally.add("key figures", sync(KeyFigure, {"value": value, "year": year}, values)[1])
    tally.write(stdout, "Site pages record:")


def _meeting_url(slug):
    meeting = Meeting.objects.published().filter(slug=slug).first()
    return meeting.get_absolute_url() if meeting else ""
