"""Finding the priorities a paper sets: list shapes, cue phrases, merging of repeats."""
