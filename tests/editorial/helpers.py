"""Posting admin forms as a browser would, for the editorial tests."""

from django.urls import reverse

from tests.core.admin_forms import form_data


def admin_url(obj_or_model, name, *args):
    opts = obj_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)


def change_url(obj):
    return admin_url(obj, "change", obj.pk)


def open_form(client, obj=None, model=None, query=""):
    url = (change_url(obj) if obj is not None else admin_url(model, "add")) + query
    response = client.get(url)
    assert response.status_code == 200
    name = (obj or model)._meta.model_name
    return form_data(response, form_id=f"{name}_form")


def post_form(client, data, obj=None, model=None, **extra):
    url = change_url(obj) if obj is not None else admin_url(model, "add")
    return client.post(url, {**data, **extra})


def inline_rows(data, prefix):
    """{index: {field: value}} of an inline formset's rows in the form data."""
    rows = {}
    for key, value in data.items():
        if key.startswith(f"{prefix}-") and key.split("-")[1].isdigit():
            _prefix, index, field = key.split("-", 2)
            rows.setdefault(int(index), {})[field] = value
    return rows


def set_row(data, prefix, index, **values):
    for field, value in values.items():
        data[f"{prefix}-{index}-{field}"] = value
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    if index >= total:
        data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def draft_action_url(draft, action):
    model = draft.content_type.model_class()
    return admin_url(model, "draft_action", draft.pk, action)
