"""Never imported: its package's `__init__` fails first."""
