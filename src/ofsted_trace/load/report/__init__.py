"""Reading an Ofsted inspection report: its front page, the items it leaves, its page furniture."""
