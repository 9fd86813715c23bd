<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed of the site as a page for people who open it in a browser; feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="atom:title"/> (feed)</title>
        <link rel="stylesheet" href="/static/css/site.css"/>
      </head>
      <body>
        <header class="site-header"><div class="wrap header-top"><a class="brand" href="/"><img class="brand-mark" src="/static/img/wordmark.svg" alt="IOM Brussels" width="176" height="48"/></a></div></header>
        <main id="main" class="wrap prose">
          <h1><xsl:value-of select="atom:title"/></h1>
          <p class="explainer">This is a news feed. Copy this page's address into a feed reader to be told of each new item. <a href="/feeds/">What feeds are and which ones this site offers</a>.</p>
          <p class="lead"><xsl:value-of select="atom:subtitle"/></p>
          <ol class="cards">
            <xsl:for-each select="atom:entry">
              <li class="card">
                <h2><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a></h2>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
