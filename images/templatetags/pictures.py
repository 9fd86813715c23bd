from django import template
from django.utils.html import format_html, format_html_join

from images.pictures import Picture

register = template.Library()


@register.simple_tag(takes_context=True)
def picture(context, instance, sizes="100vw", loading="lazy", css_class="", alt=None, largest=None):
    """<picture> with AVIF/WebP sources, a JPEG fallback, srcset/sizes, width and height, and the alt text.

    loading="eager" for a picture in the first screenful; the default "lazy" suits those further down. alt: the
    instance's own alt text unless given (a publication's cover is described by the page, not by the file).
    largest: for a picture shown small whatever the screen (a card's cover), the widest rendition worth offering,
    its display width in CSS pixels at a 3x screen; the srcset stops there.

    Written with format_html, not a template: the publications list shows twenty covers, and rendering each through
    a template of its own took two thirds of its picture's time, 8% of the list (README "Benchmark", 2026-12-06).
    """
    found = Picture(instance, largest=largest) if instance is not None else None
    if not found:
        return ""
    alt = getattr(instance, "alt", "") if alt is None else alt
    width, height = found.display_size
    size = format_html(' width="{}" height="{}"', width, height) if width else ""
    css = format_html(' class="{}"', css_class) if css_class else ""
    # A preview rendered in a rolled-back savepoint (editorial.preview) embeds its pictures.
    inline_src = found.inline_src() if context.get("inline_pictures") else ""
    if inline_src:
        return format_html('<img src="{}" alt="{}"{}{}>', inline_src, alt, size, css)
    sources = format_html_join(
        "", '<source type="{}" srcset="{}" sizes="{}">', ((kind, srcset, sizes) for kind, srcset in found.sources())
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" alt="{}"{} loading="{}" decoding="async"{}></picture>',
        sources,
        found.fallback_url,
        found.fallback_srcset,
        sizes,
        alt,
        size,
        loading,
        css,
    )
