"""`achilles serve`: the app in a browser (a phone as the screen and the remote), via textual-serve.

- `guard`: who may talk to the server (Host, Origin, the LAN token and its cookie) and the
  security headers on every answer; `addresses`: the URLs a phone can open; `qr`: the QR code
  printed in the terminal; `server`: the aiohttp server around textual-serve, one app process
  per browser and only one that records; `child`: the command run for each browser; `notice`:
  the small app shown when the coach is already recording elsewhere.

The voice plays on the machine that runs the server: every app process is a normal `achilles`.
"""
