"""press_media: galleries, downloads, attachments, press kits for journalists."""

from .press_media import register

__all__ = ["register"]
