"""What the site search covers: each content app registers its models from its own AppConfig.ready().

    import search

    search.register(Meeting, key="meeting", label="Meetings", singular="Meeting", document=meeting_document,
                    depends_on=[(Quote, lambda quote: [quote.meeting_id])])

The arrows point from the apps to search: search never imports an app's models nor looks them up by label.
"""

from .kinds import KINDS, Kind


def register(model, *, key, label, singular, document, select=(), prefetch=(), depends_on=(), m2m_fields=()):
    """Index `model` (which must have `objects.published()`): `document(instance)` gives its Document; a save of
    a model in `depends_on` ((model, instance -> primary keys of `model` to reindex) pairs), or a change of one of
    the `m2m_fields`, rewrites the entries of the items it touches."""
    if key in KINDS:
        raise ValueError(f"Search already has a kind {key!r} ({KINDS[key].model.__name__}).")
    kind = Kind(
        key=key,
        label=label,
        singular=singular,
        model=model,
        build=document,
        select=tuple(select),
        prefetch=tuple(prefetch),
        dependants=tuple(depends_on),
        m2m_fields=tuple(m2m_fields),
    )
    KINDS[key] = kind
    # Imported here: the engine needs the app registry, ready by the time the apps register (search/__init__.py
    # imports this module while Django is still loading the apps).
    from .engine import connect_signals

    connect_signals(kind)
    return kind
