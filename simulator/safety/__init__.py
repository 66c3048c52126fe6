"""The bottom layer: what every other part uses to keep hostile input harmless.

Terminal text (`text`), bounded JSON and numbers (`bounds`), and file reads and writes that never
follow a link, open a device or a FIFO, or read without limit (`files`). Nothing here imports
another part of Upward.
"""
