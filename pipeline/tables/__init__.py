"""Reading performance tables: finding grids, shaping header and rows, typing cells."""
