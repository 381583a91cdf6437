"""Commands that write data: scaffolds (`honorboard new`) and the Excel import."""
