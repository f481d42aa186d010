"""Ideas: boards, tags, ideas, votes, comments, follows and the status workflow."""
