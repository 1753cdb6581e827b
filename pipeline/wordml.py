"""WordprocessingML's namespace, written once for every module that reads or writes it."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"  # the Clark prefix of its element and attribute names: f"{W}p"
