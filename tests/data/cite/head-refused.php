<?php
// A site that refuses HEAD, as some do.
if ($_SERVER['REQUEST_METHOD'] === 'HEAD') {
  http_response_code(405);
  header('Allow: GET');
  exit;
}
?>
<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta property="og:title" content="No HEAD here"></head><body></body></html>
