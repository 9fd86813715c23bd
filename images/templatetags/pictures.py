from django import template
from django.utils.safestring import mark_safe

from core.html import escaped
from images.pictures import Picture

register = template.Library()


@register.simple_tag(takes_context=True)
def picture(context, instance, sizes="100vw", loading="lazy", css_class="", alt=None, largest=None):
    """<picture> with AVIF/WebP sources, a JPEG fallback, srcset/sizes, width and height, and the alt text.

    loading="eager" for a picture in the first screenful; the default "lazy" suits those further down. alt: the
    instance's own alt text unless given (a publication's cover is described by the page, not by the file).
    largest: for a picture shown small whatever the screen (a card's cover), the widest rendition worth offering,
    its display width in CSS pixels at a 3x screen; the srcset stops there.

    Written in Python, not a template: the publications list shows twenty covers, and rendering each through a
    template of its own took two thirds of its picture's time, 8% of the list; format_html's checks on its dozen
    values were then nearly half of the rest (README "Benchmark", 2026-12-06).
    """
    found = Picture(instance, largest=largest) if instance is not None else None
    if not found:
        return ""
    alt = getattr(instance, "alt", "") if alt is None else alt
    width, height = found.display_size
    size = f' width="{escaped(width)}" height="{escaped(height)}"' if width else ""
    css = f' class="{escaped(css_class)}"' if css_class else ""
    # A preview rendered in a rolled-back savepoint (editorial.preview) embeds its pictures.
    inline_src = found.inline_src() if context.get("inline_pictures") else ""
    if inline_src:
        return mark_safe(f'<img src="{escaped(inline_src)}" alt="{escaped(alt)}"{size}{css}>')  # noqa: S308 (escaped)
    sources = "".join(
        f'<source type="{escaped(kind)}" srcset="{escaped(srcset)}" sizes="{escaped(sizes)}">'
        for kind, srcset in found.sources()
    )
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<picture>{sources}<img src="{escaped(found.fallback_url)}" srcset="{escaped(found.fallback_srcset)}"'
        f' sizes="{escaped(sizes)}" alt="{escaped(alt)}"{size} loading="{escaped(loading)}" decoding="async"{css}>'
        "</picture>"
    )
