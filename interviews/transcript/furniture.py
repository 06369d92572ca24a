"""Page furniture: what a web page adds around an interview (share lines,
"Print", reading times, related links…), left out of the article."""

import re

MIN_READ_RE = re.compile(r"^[0-9]{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\.?$", re.I)
CHROME_RE = re.compile(
    r"^(?:share\s+this(?:\s+(?:article|story|page|post|interview))?\s*[!:.]?"
    r"|share"
    r"|related(?:\s+(?:articles|stories|posts|content|reading))?\s*:?"
    r"|tags?\s*:.*"
    r"|print(?:\s+this(?:\s+(?:article|story|page))?)?"
    r"|advertisement)$",
    re.I,
)

TEASER_RE = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]$")
