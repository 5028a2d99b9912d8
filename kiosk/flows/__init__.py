"""The kiosk's jobs, one flow each: handed only the services and screens it needs, connecting
its own signals, and following the visit's end on its own (`Visit.ended`)."""
