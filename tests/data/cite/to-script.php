<?php
// Sends the page on to an address that is no web page.
header('Location: javascript:alert(document.cookie)', true, 302);
