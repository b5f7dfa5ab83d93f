<?php
// Answers after 15 s: longer than Kiku waits.
sleep(15);
?>
<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta property="og:title" content="Too late"></head><body></body></html>
