"""Course support: what the notebooks need beside the engine.

- ``selfcheck``: ``check(key, answer)`` and ``solution(key)``, the self-check at the end of each notebook.
- ``exercises``: the exercises themselves, one module per notebook (``n03.py`` for notebook 03).
- ``examples``: the notes' worked example (e = a*b, d = e + c, L = d*f), built once for pictures and tests.
"""
