"""The site search: its index (SearchEntry), its engine and the registry each content app fills in ready()."""

from .kinds import Document, html_to_text, join_text
from .registry import register

__all__ = ["Document", "html_to_text", "join_text", "register"]
