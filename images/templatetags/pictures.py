from django import template

from images.pictures import Picture

register = template.Library()


@register.inclusion_tag("images/picture.html", takes_context=True)
def picture(context, instance, sizes="100vw", loading="lazy", css_class="", alt=None, largest=None):
    """<picture> with AVIF/WebP sources, a JPEG fallback, srcset/sizes, width and height, and the alt text.

    loading="eager" for a picture in the first screenful; the default "lazy" suits those further down. alt: the
    instance's own alt text unless given (a publication's cover is described by the page, not by the file).
    largest: for a picture shown small whatever the screen (a card's cover), the widest rendition worth offering,
    its display width in CSS pixels at a 3x screen; the srcset stops there.
    """
    found = Picture(instance, largest=largest) if instance is not None else None
    width, height = found.display_size if found else (None, None)
    return {
        "picture": found,
        # A preview rendered in a rolled-back savepoint (editorial.preview) embeds its pictures.
        "inline_src": found.inline_src() if found and context.get("inline_pictures") else "",
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
        "alt": getattr(instance, "alt", "") if alt is None else alt,
        "width": width,
        "height": height,
    }
