/* Byte-order helpers are modelled by the c2safe prelude; nothing here. */
