"""Demo content for the IdeaPortal showcase (the fictional Shiftly product)."""
