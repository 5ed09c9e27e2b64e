from .press_assets import register

__all__ = ["register"]
