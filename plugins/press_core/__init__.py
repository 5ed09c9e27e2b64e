"""press_core: the bottom library of PressClub (settings, errors, URLs, typography).

Not a Pelican plugin: it has no register() and imports none of the plugins; every
plugin may import it.
"""
