<?php
/*
 * Shared by the command-line scripts beside it: loads this run's WordPress the way a request to it
 * would (HTTP_HOST and the rest set from NEWSROOM_WP_URL, since a CLI script has no request), reads
 * the JSON input from stdin and prints the result as one marked JSON line, so that PHP notices on
 * stdout cannot be mistaken for it.
 */
function newsroom_fail(string $message): never
{
    fwrite(STDERR, $message . "\n");
    exit(1);
}

function newsroom_input(): array
{
    $json = stream_get_contents(STDIN);
    return $json === '' ? [] : json_decode($json, true, 512, JSON_THROW_ON_ERROR);
}

function newsroom_output(mixed $value): void
{
    echo "\nNEWSROOM_RESULT " . json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n";
}

$newsroom_url = parse_url(getenv('NEWSROOM_WP_URL') ?: newsroom_fail('NEWSROOM_WP_URL is not set'));
$_SERVER['HTTP_HOST'] = $newsroom_url['host'] . ':' . $newsroom_url['port'];
$_SERVER['SERVER_NAME'] = $newsroom_url['host'];
$_SERVER['SERVER_PORT'] = (string) $newsroom_url['port'];
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
