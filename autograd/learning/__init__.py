"""Learning with the engine: networks, losses, optimizer steps and training loops.

``nn`` (neurons, layers, MLP on ``Value``), ``tensor_nn`` (the same on ``Tensor``), ``optim``
(SGD: the step that uses the gradient), ``divergence`` (one rule for "diverged"),
``descent`` (gradient descent on a formula), ``training`` (one loop for any model), ``data``
(toy datasets).
"""
