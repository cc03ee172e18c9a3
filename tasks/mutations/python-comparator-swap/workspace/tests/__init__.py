# Marks tests/ as a package so unittest discovery (-t .) can import it.
