"""The site's icons and link-preview images, drawn with Pillow from the same mark as static/img/icon.svg.

Made on the first request and kept for the life of the process (they depend on nothing in the database), so the
repository carries no generated binaries and a new design needs no build step.
"""

import functools
import io

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from PIL import Image, ImageDraw, ImageFont

BRAND = (0, 51, 160)
ACCENT = (255, 210, 0)
WHITE = (255, 255, 255)
OG_SIZE = (1200, 630)

# The page types that get a preview image of their own: the slug in its URL and the words it shows.
OG_KINDS = {
    "home": "The record of EU-IOM cooperation",
    "meeting": "Meeting",
    "meetings": "Meetings",
    "participation": "Who took part",
    "service": "EU service",
    "services": "EU services",
    "publication": "Publication",
    "publications": "Publications",
    "presidencies": "Council Presidencies",
    "page": "IOM Global Office in Brussels",
    "timeline": "Timeline",
    "search": "Search",
    "accessibility": "Accessibility statement",
}
# The kind of preview image for each view.
OG_KIND_OF_VIEW = {
    "home": "home",
    "meetings:detail": "meeting",
    "meetings:list": "meetings",
    "meetings:participation": "participation",
    "meetings:service_detail": "service",
    "meetings:service_list": "services",
    "publications:detail": "publication",
    "publications:list": "publications",
    "publications:presidencies": "presidencies",
    "pages:detail": "page",
    "pages:timeline": "timeline",
    "search": "search",
    "accessibility": "accessibility",
    "feeds_help": "page",
}


def _bezier(p0, p1, p2, p3, steps=40):
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return points


def draw_mark(draw, left, top, size):
    """The mark of icon.svg (a 64-unit square) at (left, top), size pixels wide."""

    def at(x, y):
        return (left + x * size / 64, top + y * size / 64)

    scale = size / 64
    draw.rounded_rectangle([at(0, 0), at(64, 64)], radius=12 * scale, fill=BRAND)
    route = [at(x, y) for x, y in _bezier((13, 47), (20, 28), (32, 20), (47, 19))]
    draw.line(route, fill=ACCENT, width=max(1, round(6 * scale)), joint="curve")
    for x, y in (route[0], route[-1]):
        radius = 3 * scale
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=ACCENT)
    cx, cy = at(47, 19)
    draw.ellipse([cx - 7 * scale, cy - 7 * scale, cx + 7 * scale, cy + 7 * scale], fill=WHITE)
    draw.rounded_rectangle([at(11, 51), at(53, 55)], radius=2 * scale, fill=WHITE)


def icon_image(size):
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw_mark(ImageDraw.Draw(image), 0, 0, size)
    return image


@functools.cache
def favicon_ico():
    buffer = io.BytesIO()
    icon_image(256).save(buffer, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return buffer.getvalue()


@functools.cache
def apple_touch_icon_png():
    # iOS draws no transparency: the mark on a full blue square.
    image = Image.new("RGB", (180, 180), BRAND)
    draw_mark(ImageDraw.Draw(image), 0, 0, 180)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _font(size, bold=False):
    # DejaVu where Debian's fonts-dejavu-core is installed; Pillow's own scalable font otherwise.
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


@functools.cache
def og_image_png(kind):
    """1200 x 630: the mark, the site's name and the page type, in the site's colours."""
    image = Image.new("RGB", OG_SIZE, BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, OG_SIZE[1] - 24, OG_SIZE[0], OG_SIZE[1]], fill=ACCENT)
    draw.rounded_rectangle([76, 76, 244, 244], radius=30, fill=WHITE)
    draw_mark(draw, 80, 80, 160)
    draw.text((290, 100), "IOM", font=_font(88, bold=True), fill=WHITE)
    draw.text((294, 200), "BRUSSELS · EU", font=_font(34, bold=True), fill=ACCENT)
    label_font = _font(68, bold=True)
    y = 330
    for line in _wrap(draw, OG_KINDS[kind], label_font, OG_SIZE[0] - 160)[:2]:
        draw.text((80, y), line, font=label_font, fill=WHITE)
        y += 84
    draw.text((80, OG_SIZE[1] - 90), settings.SITE_NAME, font=_font(36), fill=WHITE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


DAY = 60 * 60 * 24


@require_safe
@cache_control(public=True, max_age=DAY)
def favicon(request):
    return HttpResponse(favicon_ico(), content_type="image/x-icon")


@require_safe
@cache_control(public=True, max_age=DAY)
def apple_touch_icon(request):
    return HttpResponse(apple_touch_icon_png(), content_type="image/png")


@require_safe
@cache_control(public=True, max_age=DAY)
def og_image(request, kind):
    if kind not in OG_KINDS:
        raise Http404("No preview image of that kind.")
    return HttpResponse(og_image_png(kind), content_type="image/png")
