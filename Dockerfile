# AkkaCollab image: the browser client and the server built in one SDK stage, run on the ASP.NET
# Core runtime as the non-root "app" user. Read-only-root friendly: the app writes only to /tmp and
# $HOME (/home/app), which the Helm chart mounts as emptyDir volumes.
# Build: docker build -t akkacollab:1.0.0 .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Node for the client build (src/Web's MSBuild target runs npm ci and build.mjs).
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src

# Restore first (lock files, locked mode) so that a source change does not re-download packages.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Protocol/*.csproj src/Protocol/packages.lock.json src/Protocol/
COPY src/Node/*.csproj src/Node/packages.lock.json src/Node/
COPY src/Web/*.csproj src/Web/packages.lock.json src/Web/
RUN dotnet restore src/Web -p:RestoreLockedMode=true
COPY src/Web/client/package.json src/Web/client/package-lock.json src/Web/client/
RUN cd src/Web/client && npm ci --no-audit --no-fund --loglevel=error

COPY src/ src/
# The same command tests/helm checks on every test run (the published folder: the app and wwwroot).
RUN dotnet publish src/Web -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build --chown=root:root /app ./
# Owned by root, run as app (UID 1654): the app cannot change its own binaries.
USER 1654:1654
ENV HOME=/home/app \
    ASPNETCORE_ENVIRONMENT=Production \
    AkkaCollab__Web__Url=http://0.0.0.0:8080 \
    DOTNET_NOLOGO=1
EXPOSE 8080 4053
ENTRYPOINT ["dotnet", "AkkaCollab.Web.dll"]
