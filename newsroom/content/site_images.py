"""The site's own images, drawn here rather than shipped from elsewhere: the share
card (the default Open Graph image, until an editor uploads another in the site
settings), the logo and the icons. ``manage.py draw_site_images`` writes them to
static/img/; the files are committed."""

import io

from PIL import Image, ImageDraw, ImageFont

INK = (27, 27, 27)
PAPER = (253, 252, 250)
ACCENT = (125, 28, 20)
RULE = (222, 219, 213)


def _font(size):
    # Pillow's own embedded font: the same drawing on every machine.
    return ImageFont.load_default(size=size)


def icon(size):
    """The "N" on a dark rounded square, as static/img/favicon.svg draws it."""
    scale = 4  # drawn large, then reduced: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 8, fill=INK)
    draw.text(
        (big / 2, big * 0.54), "N", fill=PAPER, font=_font(int(big * 0.7)), anchor="mm"
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def share_card(site_name, tagline, width=1200, height=630):
    """The default share image: the site's name and tagline on paper, with the
    icon and a rule in the accent colour."""
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 18), fill=ACCENT)
    draw.rectangle((0, height - 18, width, height), fill=INK)
    mark = icon(180)
    image.paste(mark, (96, 150), mark)
    draw.text((320, 160), site_name, fill=INK, font=_font(96))
    draw.line((320, 300, width - 96, 300), fill=RULE, width=4)
    draw.text((320, 330), tagline, fill=ACCENT, font=_font(46))
    return image


def png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def ico(image):
    buffer = io.BytesIO()
    image.save(buffer, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return buffer.getvalue()
