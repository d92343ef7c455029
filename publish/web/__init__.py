"""The digital edition (数字报): the printed pages as pictures with a clickable
zone over each article, one page per article, and the 导读, as a folder of
static files that works from disk and from any web server.

`writers/html.py` drives it; the modules here each do one part: the layout
folder (`layout`), the zones from the page plan (`zones`), the page pictures
from the PDF (`page_images`), the WOFF2 faces (`fonts`) and the documents'
values (`documents`).
"""
