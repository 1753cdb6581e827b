"""WordprocessingML's namespace, and text made XML character data, written once for every module that
reads or writes it."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"  # the Clark prefix of its element and attribute names: f"{W}p"


def escape_text(text: str) -> str:
    """Text for XML character data: what `xml.sax.saxutils.escape` does, without importing it (it
    brings urllib, http and ssl along: a hundredth of a second of every run) nor its dict lookups."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
