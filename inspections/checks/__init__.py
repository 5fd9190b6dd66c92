"""Checks: the versioned checklist, the checks themselves (flying, undercover, acceptance,
self-check, peer review), their photos and thumbnails, the review of a far position, the
check form and its chooser, the offline pages and the inspector's day."""
