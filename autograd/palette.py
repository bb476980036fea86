"""The course's colours, stated once: pictures of graphs (``viz``), figures and widgets read them here.

Paul Tol's colour-blind safe schemes: pale fills for boxes, vibrant ink for what must stand out.
"""

INK = "#333333"  # text and outlines
MUTED = "#777777"  # edges, captions, what is there but not the point
FILLS = {"leaf": "#BBCCEE", "inner": "#DDDDDD", "output": "#EEEEBB"}  # inputs and weights, the rest, the loss
HIGHLIGHT = "#EE7733"  # what the current step looks at
JUST_COMPUTED = "#FDE3CF"  # a pale tint of HIGHLIGHT: the gradients the current step has just set
POSITIVE = "#0077BB"  # a gradient > 0
NEGATIVE = "#CC3311"  # a gradient < 0
CYCLE_FILL = "#CCDDAA"  # Tol's pale green, beside the pale blue, grey, yellow and orange of the pictures
ERROR = "#b00020"  # a dark red that stays readable on white and in JupyterLab's dark theme
