"""The engine: values and tensors that remember how they were made, and the backward pass.

``value`` (scalar nodes), ``tensor`` (numpy arrays), ``ops`` (every operation's rule, once),
``graph`` (topological order, one backward pass for both), ``numeric`` (finite differences,
the independent check), ``expression`` (a typed formula made into a graph), ``arrays`` (is this
an array, a tensor? asked without importing numpy, which only ``tensor`` and the array rules need).
"""
