"""Pictures for the demo content, drawn here rather than downloaded: square
headshots with a person's initials, and a lead image of a hillside with olive
trees and solar panels. The same input always gives the same picture."""

import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont


def initials_headshot(name, size=320):
    """A square PNG with the person's initials on a colour drawn from their name:
    a stand-in headshot for demo people."""
    digest = hashlib.sha256(name.encode()).digest()
    background = (60 + digest[0] % 120, 60 + digest[1] % 120, 60 + digest[2] % 120)
    image = Image.new("RGB", (size, size), background)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    return _png(image)


def hillside_with_solar_panels(width=1600, height=900, seed="kafr-takharim"):
    """A PNG landscape at dawn: terraced hills, rows of olive trees and a row of
    solar panels in the foreground."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    # The sky, from pale gold at the horizon to blue above.
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(110 + 140 * t), int(150 + 80 * t), int(200 - 60 * t)),
        )
    draw.ellipse(
        (width * 0.7, height * 0.2, width * 0.78, height * 0.34), fill=(255, 236, 180)
    )
    # Three ridges of hills, darker as they come closer.
    for ridge, (base, colour) in enumerate(
        [(0.45, (150, 160, 140)), (0.55, (120, 140, 95)), (0.68, (96, 118, 70))]
    ):
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            wave = rng.uniform(-0.05, 0.05) - 0.04 * ridge * (x / width)
            points.append((x, height * (base + wave)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    # Olive trees along the terraces: a trunk and a round grey-green crown.
    for row in range(4):
        y = height * (0.62 + row * 0.07)
        size = 18 + row * 10
        for x in range(rng.randint(0, 60), width, 90 + row * 30):
            x += rng.randint(-15, 15)
            draw.rectangle((x - 3, y, x + 3, y + size), fill=(80, 60, 40))
            crown = (118 - row * 8, 135 - row * 8, 96 - row * 6)
            draw.ellipse(
                (x - size, y - size * 1.3, x + size, y + size * 0.3), fill=crown
            )
    # A row of solar panels on their frames in the foreground.
    for left in range(120, width - 200, 230):
        top = height * 0.8
        panel = [
            (left, top + 60),
            (left + 60, top),
            (left + 250, top),
            (left + 190, top + 60),
        ]
        draw.polygon(panel, fill=(30, 52, 96), outline=(200, 210, 225))
        for step in range(1, 4):
            x = left + step * 190 / 4
            draw.line([(x, top + 60), (x + 60, top)], fill=(120, 140, 170), width=2)
        draw.line(
            [(left + 30, top + 30), (left + 220, top + 30)],
            fill=(120, 140, 170),
            width=2,
        )
        draw.rectangle((left + 90, top + 60, left + 96, top + 110), fill=(70, 70, 70))
    image = image.filter(ImageFilter.SMOOTH)
    return _png(image)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
