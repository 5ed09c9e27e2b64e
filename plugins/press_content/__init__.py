"""press_content: releases, contacts and the rules between them."""

from .press_content import register

__all__ = ["register"]
