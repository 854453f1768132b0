"""Offline: the service worker (from sw_template.js), Workbox copied from npm, and the web app manifest."""
